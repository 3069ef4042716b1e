using McscMonitor.Web;
using Microsoft.AspNetCore.Identity;

namespace McscMonitor.Users;

/// <summary>Identity's messages in the reader's language; those a person cannot cause here name their code.</summary>
public sealed class LocalizedIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), UiTexts.Current.Format("password.tooShort", ("length", length)));
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), UiTexts.Current["password.requiresDigit"]);
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), UiTexts.Current["password.requiresLower"]);
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), UiTexts.Current["password.requiresUpper"]);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), UiTexts.Current["password.requiresSymbol"]);
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), UiTexts.Current["password.wrongCurrent"]);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), UiTexts.Current.Format("identity.duplicateUserName", ("user", userName)));
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), UiTexts.Current.Format("identity.invalidUserName", ("user", userName)));
    public override IdentityError DefaultError() => Other(nameof(DefaultError));
    public override IdentityError ConcurrencyFailure() => Other(nameof(ConcurrencyFailure));
    public override IdentityError UserAlreadyInRole(string role) => Other(nameof(UserAlreadyInRole));
    public override IdentityError UserNotInRole(string role) => Other(nameof(UserNotInRole));
    public override IdentityError UserLockoutNotEnabled() => Other(nameof(UserLockoutNotEnabled));
    public override IdentityError UserAlreadyHasPassword() => Other(nameof(UserAlreadyHasPassword));

    private static IdentityError Other(string code) => Error(code, UiTexts.Current.Format("identity.other", ("code", code)));

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
