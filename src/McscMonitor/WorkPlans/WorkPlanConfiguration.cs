using McscMonitor.Core.Domain;
using McscMonitor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace McscMonitor.WorkPlans;

internal sealed class WorkPlanConfiguration : IEntityTypeConfiguration<WorkPlan>
{
    public void Configure(EntityTypeBuilder<WorkPlan> workPlan)
    {
        workPlan.ConfigureVersion();
        workPlan.HasIndex(w => new { w.CouncilId, w.Year }).IsUnique();
    }
}
