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
        var core = Core(password);
        if (core.Length == 0 || core.Distinct().Count() <= 2) return true;
        if (userName is not null && core == Core(userName)) return true;
        return IsMadeOfWords(core);
    }

    /// <summary>The letters a guesser starts from: digits and symbols at either end taken off, look-alikes read as letters.</summary>
    private static string Core(string text)
    {
        var lower = text.ToLowerInvariant().Trim();
        var start = 0;
        var end = lower.Length;
        while (start < end && !char.IsLetter(lower[start]) && !IsLookAlike(lower[start])) start++;
        while (end > start && !char.IsLetter(lower[end - 1])) end--;
        var core = new StringBuilder();
        foreach (var character in lower[start..end])
            core.Append(character switch { '0' => 'o', '1' or '!' => 'i', '3' => 'e', '4' or '@' => 'a', '5' or '$' => 's', '7' => 't', _ => character });
        return core.ToString();
    }

    private static bool IsLookAlike(char character) => character is '@' or '$';

    /// <summary>One listed word, or several joined ("qwertypassword"), possibly with digits between them.</summary>
    private static bool IsMadeOfWords(string core)
    {
        var letters = new string(core.Where(char.IsLetter).ToArray());
        if (letters.Length == 0) return true;
        var reachable = new bool[letters.Length + 1];
        reachable[0] = true;
        for (var end = 1; end <= letters.Length; end++)
            for (var start = 0; start < end && !reachable[end]; start++)
                reachable[end] = reachable[start] && Words.Value.Contains(letters[start..end]);
        return reachable[letters.Length];
    }
}
