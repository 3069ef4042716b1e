using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;

namespace McscMonitor.Core.Tests;

public class DateTextTests
{
    [Theory]
    [InlineData(Language.Sq, "26 nëntor 2026")]
    [InlineData(Language.SrLatn, "26. novembar 2026")]
    [InlineData(Language.SrCyrl, "26. новембар 2026")]
    [InlineData(Language.En, "26 November 2026")]
    public void ADateInRunningTextIsWrittenAsItsLanguageWritesIt(Language language, string expected) =>
        Assert.Equal(expected, Messages.For(language).Date(new DateOnly(2026, 11, 26)));
}
