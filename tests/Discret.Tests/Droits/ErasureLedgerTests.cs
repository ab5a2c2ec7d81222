using System.Net;
using System.Text;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Rights;
using Discret.Tests.Conservation;
using Discret.Tests.Support;
using Discret.Web.Features.Conservation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Droits;

/// <summary>
/// The erasure ledger (issue 20 §4): what an erasure writes to it (opaque ids and a date, never a name), and what its
/// replay does with a line — a line that does not verify under the anchor key is never replayed, a deletion of the
/// retention job is done again. The drill itself, with a real backup and restore: <c>BackupDrillTests</c>.
/// </summary>
[Collection(RightsCollection.Name)]
public class ErasureLedgerTests(DiscretFactory app)
{
    private Task<string> LedgerTextAsync() => app.WithAsync(async sp =>
    {
        var file = sp.GetRequiredService<ErasureLedger>().File;
        return File.Exists(file) ? await File.ReadAllTextAsync(file) : "";
    });

    [Fact]
    public async Task An_erasure_writes_its_opaque_ids_and_date_to_the_ledger_and_no_name()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent, closed: true);
        var id = await app.CreateRequestAsync(file.PersonId, RightKind.Effacement, referent.Id);
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));

        var response = await dpo.PostFormAsync($"/droits/demandes/{id}?handler=Erase", new Dictionary<string, string>(), $"/droits/demandes/{id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var line = Assert.Single(await app.WithAsync(async sp => (await sp.GetRequiredService<ErasureLedger>().ReadAsync()).Lines), l => l.Request == id);
        Assert.Equal(LedgerKind.Effacement, line.Kind);
        Assert.Equal([file.PersonId], line.Persons);
        Assert.False(line.Abandoned);
        var text = await LedgerTextAsync();
        Assert.DoesNotContain(file.BirthName, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Alex", text, StringComparison.Ordinal);
        // Erased now: nothing of it is due for a replay.
        var due = await app.WithAsync(async sp => (await sp.GetRequiredService<ErasureReplay>().DueAsync()).Due);
        Assert.DoesNotContain(due, l => l.Request == id);
    }

    [Fact]
    public async Task A_ledger_line_changed_without_the_anchor_key_is_never_replayed()
    {
        var file = await app.CreateCaseAsync(0);
        var stranger = Guid.NewGuid();
        var ledgerFile = await app.WithAsync(async sp =>
        {
            var ledger = sp.GetRequiredService<ErasureLedger>();
            await ledger.AppendAsync(new LedgerLine(Guid.NewGuid(), LedgerKind.Effacement, ledger.Now, Request: Guid.NewGuid(), By: Guid.NewGuid(), Persons: [stranger]));
            return ledger.File;
        });
        // Someone who can write the file, but has not the key, points the line at an existing file.
        await File.WriteAllTextAsync(ledgerFile, (await File.ReadAllTextAsync(ledgerFile)).Replace(stranger.ToString(), file.PersonId.ToString()), Encoding.UTF8);

        var outcome = await app.WithAsync(sp => sp.GetRequiredService<ErasureReplay>().ReplayAsync());
        Assert.True(outcome.RejectedLines >= 1);
        Assert.True(await app.PersonExistsAsync(file.PersonId));
    }

    [Fact]
    public async Task A_deletion_of_the_retention_job_found_in_the_ledger_is_done_again_and_journaled_under_its_batch()
    {
        var file = await app.CreateCaseAsync(0);
        var batch = Guid.NewGuid();
        var outcome = await app.WithAsync(async sp =>
        {
            var ledger = sp.GetRequiredService<ErasureLedger>();
            await ledger.AppendAsync(new LedgerLine(Guid.NewGuid(), LedgerKind.Elimination, ledger.Now, Batch: batch, Persons: [file.PersonId]));
            return await sp.GetRequiredService<ErasureReplay>().ReplayAsync();
        });

        Assert.Equal(1, outcome.Files);
        Assert.False(await app.PersonExistsAsync(file.PersonId));
        var entry = await app.DbAsync(db => db.JournalEntries.AsNoTracking().SingleAsync(e => e.Reference == batch));
        Assert.Equal(JournalAction.Suppression, entry.Action);
        Assert.Null(entry.PersonId);
    }

    [Fact]
    public async Task After_the_anchor_key_is_rotated_the_ledger_lines_still_verify_under_the_new_key()
    {
        var entry = Guid.NewGuid();
        await app.WithAsync(async sp =>
        {
            var ledger = sp.GetRequiredService<ErasureLedger>();
            await ledger.AppendAsync(new LedgerLine(entry, LedgerKind.Effacement, ledger.Now, Request: Guid.NewGuid(), By: Guid.NewGuid(), Persons: [Guid.NewGuid()]));
            return 0;
        });
        var (_, rejectedBefore) = await app.WithAsync(sp => sp.GetRequiredService<ErasureLedger>().ReadAsync());

        // As « rotate-journal-key » does it.
        app.With(sp => sp.GetRequiredService<Discret.Web.Features.Journal.JournalAnchors>().RotateKey(sp.GetRequiredService<ErasureLedger>().SignAgain));

        var (lines, rejected) = await app.WithAsync(sp => sp.GetRequiredService<ErasureLedger>().ReadAsync());
        Assert.Contains(lines, l => l.Entry == entry);
        Assert.Equal(rejectedBefore.Count, rejected.Count);
    }
}
