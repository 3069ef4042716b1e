using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;

namespace McscMonitor.Core.Tests;

public class PluralTests
{
    [Theory]
    [InlineData(0, PluralCategory.Other, PluralCategory.Other)]
    [InlineData(1, PluralCategory.One, PluralCategory.One)]
    [InlineData(2, PluralCategory.Other, PluralCategory.Few)]
    [InlineData(5, PluralCategory.Other, PluralCategory.Other)]
    [InlineData(11, PluralCategory.Other, PluralCategory.Other)]
    [InlineData(12, PluralCategory.Other, PluralCategory.Other)]
    [InlineData(21, PluralCategory.Other, PluralCategory.One)]
    [InlineData(22, PluralCategory.Other, PluralCategory.Few)]
    [InlineData(101, PluralCategory.Other, PluralCategory.One)]
    [InlineData(111, PluralCategory.Other, PluralCategory.Other)]
    public void CountsFallIntoTheCldrCategoriesOfEachLanguage(int count, PluralCategory englishAndAlbanian, PluralCategory serbian)
    {
        Assert.Equal(englishAndAlbanian, Plural.Of(Language.En, count));
        Assert.Equal(englishAndAlbanian, Plural.Of(Language.Sq, count));
        Assert.Equal(serbian, Plural.Of(Language.SrLatn, count));
        Assert.Equal(serbian, Plural.Of(Language.SrCyrl, count));
    }
}
