using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace McscMonitor.Users;

/// <summary>A person who signs in; a municipal officer is bound to one municipality.</summary>
public sealed class AppUser : IdentityUser
{
    public string? MunicipalityCode { get; set; }

    /// <summary>Set when an admin disables the account: it cannot sign in, and its cookies and tokens stop working.</summary>
    public DateTime? DisabledAtUtc { get; set; }

    public DateTime? LastSignInAtUtc { get; set; }

    /// <summary>Set when an admin printed the password (a new account or a reset): its owner chooses their own before doing anything else.</summary>
    public bool MustChangePassword { get; set; }
}

/// <summary>The roles of the design (§7).</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Monitor = "monitor";
    public const string MunicipalOfficer = "municipal_officer";
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Monitor, MunicipalOfficer, Viewer];
}

public static class McscClaims
{
    public const string Municipality = "mcsc:municipality";

    /// <summary>On a browser session whose password an admin printed; only the password page answers it.</summary>
    public const string MustChangePassword = "mcsc:must-change-password";
}

/// <summary>A token a script sends as `Authorization: Bearer …`; only its SHA-256 hash is stored.</summary>
public sealed class AccessToken
{
    public int Id { get; init; }
    public required string UserId { get; init; }
    public required string Name { get; init; }
    public required string TokenHash { get; init; }
    public DateTime CreatedAtUtc { get; init; }
    public DateTime? RevokedAtUtc { get; set; }
}

internal sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> token)
    {
        token.HasKey(t => t.Id);
        token.Property(t => t.Name).HasMaxLength(Core.Domain.TextLimits.TokenName);
        token.Property(t => t.TokenHash).HasMaxLength(64);
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
