using McscMonitor.Web;
using Microsoft.AspNetCore.Identity;

namespace McscMonitor.Users;

/// <summary>Identity's password messages in the reader's language; the rest keep Identity's English.</summary>
public sealed class LocalizedIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), UiTexts.Current.Format("password.tooShort", ("length", length)));
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), UiTexts.Current["password.requiresDigit"]);
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), UiTexts.Current["password.requiresLower"]);
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), UiTexts.Current["password.requiresUpper"]);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), UiTexts.Current["password.requiresSymbol"]);
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), UiTexts.Current["password.wrongCurrent"]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
