using Discret.Catalogue;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Mandates;
using Discret.Tests.Conservation;
using Discret.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Discret.Tests.AideNumerique;

/// <summary>
/// The retention job on a clock the test moves by years: digital helps go with their follow-up's file; a mandate, its
/// authorisations and the procedures done under it outlive the file and are deleted 5 years after the mandate's end
/// (its last day, or its revocation), not a day before.
/// </summary>
public sealed class MandateRetentionTests : IAsyncLifetime
{
    private readonly DiscretFactory _app = new() { Clock = new FakeTimeProvider(DateTimeOffset.UtcNow) };

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private FakeTimeProvider Clock => _app.Clock!;
    private DateOnly Today => ParisTime.Today(Clock);

    private void AdvanceTo(DateOnly day) => Clock.SetUtcNow(new DateTimeOffset(ParisTime.StartOfDayUtc(day).AddHours(12), TimeSpan.Zero));

    [Fact]
    public async Task A_mandate_outlives_the_file_and_is_deleted_five_years_after_its_end_and_not_before()
    {
        var referent = await _app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await _app.CreateCaseAsync(0, referent, closed: true);
        var start = Today;
        var mandate = await MandateFixture.CreateAsync(_app, file, [referent.Id], start.AddDays(-10), start.AddDays(30));
        // Revoked before its last day: it ends on its revocation.
        var revoked = await MandateFixture.CreateAsync(_app, file, [referent.Id], start.AddDays(-10), start.AddMonths(6),
            then: m => m.Revoke(start, referent.Id, MandateRevocationReason.DemandeDeLaPersonne));
        await _app.WithDbAsync(async db =>
        {
            var tracked = await db.Mandates.Include(m => m.Authorisations).SingleAsync(m => m.Id == mandate.Id);
            db.MandateActions.Add(new MandateAction(tracked, tracked.AuthorisationFor(ProcedureDomain.Social)!, OnlineOrganisation.Caf, OnlineProcedure.DeclarationDeRessources,
                ProcedureOutcome.Aboutie, start.AddDays(-1), referent.Id, DateTime.UtcNow));
            db.DigitalHelps.Add(DigitalHelp.Training(file.FollowUpId!.Value, file.PersonId, DigitalTrainingTheme.NaviguerSurInternet, new DateOnly(2026, 2, 1), referent.Id, DateTime.UtcNow));
            await db.SaveChangesAsync();
        });

        // The file goes after its two years, with its digital help; the mandates stay.
        Clock.Advance(TimeSpan.FromDays(731));
        await _app.RunRetentionAsync();
        await _app.ApproveBatchAsync();
        await _app.RunRetentionAsync();
        Assert.False(await _app.PersonExistsAsync(file.PersonId));
        Assert.Equal(0, await _app.DbAsync(db => db.DigitalHelps.CountAsync(h => h.PersonId == file.PersonId)));
        Assert.Equal(2, await _app.DbAsync(db => db.Mandates.CountAsync(m => m.PersonId == file.PersonId)));
        Assert.Equal(1, await _app.DbAsync(db => db.MandateActions.CountAsync(a => a.PersonId == file.PersonId)));

        var years = RetentionRule.Mandat.Active;
        // The revoked one: 5 years after its revocation, and not the day before.
        AdvanceTo(start.AddDays((int)years.TotalDays));
        await _app.RunRetentionAsync();
        Assert.Equal(2, await _app.DbAsync(db => db.Mandates.CountAsync(m => m.PersonId == file.PersonId)));
        AdvanceTo(start.AddDays((int)years.TotalDays + 1));
        var run = (await _app.RunRetentionAsync())!;
        Assert.Contains(run.Done, l => l.Rule == RetentionRule.Mandat.Code && l.Action == Discret.Domain.Retention.RunAction.Suppression && l.Count == 1);
        Assert.False(await _app.DbAsync(db => db.Mandates.AnyAsync(m => m.Id == revoked.Id)));
        Assert.True(await _app.DbAsync(db => db.Mandates.AnyAsync(m => m.Id == mandate.Id)));

        // The other: 5 years after its last day.
        var end = start.AddDays(30);
        AdvanceTo(end.AddDays((int)years.TotalDays));
        await _app.RunRetentionAsync();
        Assert.True(await _app.DbAsync(db => db.Mandates.AnyAsync(m => m.Id == mandate.Id)));
        AdvanceTo(end.AddDays((int)years.TotalDays + 1));
        await _app.RunRetentionAsync();
        Assert.False(await _app.DbAsync(db => db.Mandates.AnyAsync(m => m.PersonId == file.PersonId)));
        Assert.False(await _app.DbAsync(db => db.MandateAuthorisations.AnyAsync(a => a.MandateId == mandate.Id || a.MandateId == revoked.Id)));
        Assert.False(await _app.DbAsync(db => db.MandateActions.AnyAsync(a => a.PersonId == file.PersonId)));
        Assert.Contains(await _app.DbAsync(db => db.JournalEntries.Where(e => e.Action == JournalAction.Suppression).Select(e => e.Detail).ToListAsync()),
            d => d != null && d.Contains("mandats supprimés"));
    }
}
