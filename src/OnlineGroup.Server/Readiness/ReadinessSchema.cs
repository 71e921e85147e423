using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Readiness;

/// <summary>How readiness is stored; called from <see cref="AppDbContext"/>.OnModelCreating.</summary>
public static class ReadinessSchema
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<GroupReadiness>(e =>
        {
            e.HasKey(r => r.GroupId);
            // Two people saving (or one editing while another signs off) at once: the second is told, not lost.
            e.Property(r => r.Version).IsConcurrencyToken();
            e.HasOne<Group>().WithOne().HasForeignKey<GroupReadiness>(r => r.GroupId).OnDelete(DeleteBehavior.Cascade);
            // The worst cases travel with the assessment: one JSON column, replaced as a whole on each edit.
            e.ComplexCollection(r => r.Scenarios, s => s.ToJson());
            foreach (var text in new[] { nameof(GroupReadiness.SafeguardingCover), nameof(GroupReadiness.Supervision),
                         nameof(GroupReadiness.AbsencePlan), nameof(GroupReadiness.HouseRules) })
            {
                e.Property(text).HasMaxLength(ReadinessLimits.LongText);
            }

            e.Property(r => r.FacilitatorTraining).HasMaxLength(ReadinessLimits.ShortText);
            e.Property(r => r.CoFacilitatorTraining).HasMaxLength(ReadinessLimits.ShortText);
        });
        modelBuilder.Entity<Member>(e =>
        {
            e.Property(m => m.Gender).HasMaxLength(ReadinessLimits.Gender);
        });
    }
}
