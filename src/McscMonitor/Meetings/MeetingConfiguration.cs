using McscMonitor.Core.Domain;
using McscMonitor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace McscMonitor.Meetings;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> meeting)
    {
        meeting.ConfigureVersion();
        meeting.Property(m => m.Status).HasConversion<CodeConverter<MeetingStatus>>().HasMaxLength(16);
        meeting.Ignore(m => m.DiscussedSecurityOrNonMajority);
        meeting.HasIndex(m => new { m.CouncilId, m.Date }).IsUnique();
        // A year's indicators count meetings by date across all councils: without this, PostgreSQL reads every meeting.
        meeting.HasIndex(m => m.Date);
    }
}
