using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Facilitators;

/// <summary>How presence, debriefs and supervision requests are stored; called from <see cref="AppDbContext"/>.OnModelCreating.</summary>
public static class FacilitatorsSchema
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StaffPresence>(e =>
        {
            e.HasIndex(p => new { p.AccountId, p.JoinedAt });
            e.HasIndex(p => new { p.GroupId, p.JoinedAt });
            e.HasIndex(p => new { p.LeftAt, p.Instance });
            e.Property(p => p.Instance).HasMaxLength(32);
        });
        modelBuilder.Entity<Debrief>(e =>
        {
            e.HasIndex(d => new { d.GroupId, d.SubmittedAt });
            e.HasIndex(d => new { d.AccountId, d.SubmittedAt });
            e.Property(d => d.Handover).HasMaxLength(FacilitatorLimits.Text);
        });
        modelBuilder.Entity<SupervisionRequest>(e =>
        {
            e.HasIndex(r => new { r.GroupId, r.ResolvedAt });
            e.Property(r => r.Note).HasMaxLength(FacilitatorLimits.Text);
        });
    }
}

public static class FacilitatorLimits
{
    public const int Text = 2000;
}
