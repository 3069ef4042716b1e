using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;

namespace McscMonitor.Core.Tests;

public class DateTextTests
{
    [Theory]
    [InlineData(Language.Sq, "26 nëntor 2026")]
    [InlineData(Language.SrLatn, "26. novembra 2026")]
    [InlineData(Language.SrCyrl, "26. новембра 2026")]
    [InlineData(Language.En, "26 November 2026")]
    public void ADateInRunningTextIsWrittenAsItsLanguageWritesIt(Language language, string expected) =>
        Assert.Equal(expected, Messages.For(language).Date(new DateOnly(2026, 11, 26)));

    [Theory]
    [InlineData(Language.SrLatn, 1, "4. januara 2026")]
    [InlineData(Language.SrLatn, 8, "4. avgusta 2026")]
    [InlineData(Language.SrLatn, 12, "4. decembra 2026")]
    [InlineData(Language.SrCyrl, 3, "4. марта 2026")]
    [InlineData(Language.SrCyrl, 12, "4. децембра 2026")]
    [InlineData(Language.Sq, 12, "4 dhjetor 2026")]
    [InlineData(Language.En, 3, "4 March 2026")]
    public void SerbianDatesInRunningTextPutTheMonthInTheGenitive(Language language, int month, string expected) =>
        Assert.Equal(expected, Messages.For(language).Date(new DateOnly(2026, month, 4)));
}
