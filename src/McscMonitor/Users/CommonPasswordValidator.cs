using System.Text;
using McscMonitor.Web;
using Microsoft.AspNetCore.Identity;

namespace McscMonitor.Users;

/// <summary>
/// Refuses passwords that are guessed first: a common password, or a common word dressed up
/// with digits, symbols, capitals or look-alike characters ("Password123!", "P@ssw0rd2024").
/// The words are in <c>common-passwords.txt</c>, bundled with the app.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    private static readonly Lazy<HashSet<string>> Words = new(() =>
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("McscMonitor.Users.common-passwords.txt")
                           ?? throw new InvalidOperationException("The common password list is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n').Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#')).ToHashSet(StringComparer.Ordinal);
    });

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password, user.UserName)
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordCommon", Description = UiTexts.Current["password.common"] })
            : IdentityResult.Success);

    public static bool IsCommon(string password, string? userName = null)
    {
        var (core, original) = Core(password);
        if (core.Length == 0 || core.Distinct().Count() <= 2) return true;
        if (userName is not null && Core(userName).Core is { Length: >= 3 } name && core.Contains(name, StringComparison.Ordinal)) return true;
        return IsMadeOfWords(core, original);
    }

    /// <summary>
    /// The letters a guesser starts from: digits and symbols at either end taken off, look-alikes
    /// read as letters; with the characters they were read from, one for one.
    /// </summary>
    private static (string Core, string Original) Core(string text)
    {
        var lower = text.ToLowerInvariant().Trim();
        var start = 0;
        var end = lower.Length;
        while (start < end && !char.IsLetter(lower[start]) && !IsLookAlike(lower[start])) start++;
        while (end > start && !char.IsLetter(lower[end - 1])) end--;
        var core = new StringBuilder();
        foreach (var character in lower[start..end])
            core.Append(character switch { '0' => 'o', '1' or '!' => 'i', '3' => 'e', '4' or '@' => 'a', '5' or '$' => 's', '7' => 't', _ => character });
        return (core.ToString(), lower[start..end]);
    }

    private static bool IsLookAlike(char character) => character is '@' or '$';

    /// <summary>
    /// Listed words only, one or several joined ("qwertypassword", "Passw0rd!Passw0rd"), with
    /// digits or symbols anywhere between them: each character typed as a digit or symbol may be
    /// a look-alike inside a word or a separator between words.
    /// </summary>
    private static bool IsMadeOfWords(string core, string original)
    {
        var reachable = new bool[core.Length + 1];
        reachable[0] = true;
        for (var end = 1; end <= core.Length; end++)
        {
            reachable[end] = reachable[end - 1] && !char.IsLetter(original[end - 1]);
            for (var start = 0; start < end && !reachable[end]; start++)
                reachable[end] = reachable[start] && Words.Value.Contains(core[start..end]);
        }
        return reachable[core.Length];
    }
}
