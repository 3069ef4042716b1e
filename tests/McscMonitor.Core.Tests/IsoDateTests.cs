using McscMonitor.Core.Domain;

namespace McscMonitor.Core.Tests;

public class IsoDateTests
{
    [Theory]
    [InlineData("2021-12-31", 2021, 12, 31)]
    [InlineData("2024-02-29", 2024, 2, 29)]
    [InlineData("0001-01-01", 1, 1, 1)]
    public void AYearMonthDayDateIsRead(string text, int year, int month, int day)
    {
        Assert.True(IsoDate.TryParse(text, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("2021-2-3")]
    [InlineData("21-02-03")]
    [InlineData("2023-02-29")]
    [InlineData("2021-13-01")]
    [InlineData("2021/02/03")]
    [InlineData("03.02.2021")]
    [InlineData(" 2021-02-03")]
    [InlineData("2021-02-03 ")]
    [InlineData("2021-02-03T00:00")]
    [InlineData("")]
    public void AnythingButYearMonthDayIsRefused(string text) => Assert.False(IsoDate.TryParse(text, out _));

    [Fact]
    public void ADateIsWrittenYearMonthDayWhateverTheCulture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("sr-Cyrl-RS");
            Assert.Equal("2021-03-05", IsoDate.Text(new DateOnly(2021, 3, 5)));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }
}
