using System.Net;
using System.Net.Http.Json;
using Discret.Tests.Support;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Web.Features.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Discret.Tests.Conservation;

namespace Discret.Tests.Journal;

/// <summary>
/// Tamper evidence: whatever is done to the journal table behind Discret's back — a row changed, removed, moved, the
/// whole chain rewritten after a change, an anchor forged, the end cut off — verification names the first broken link.
/// Each test runs its own application (own database, anchors and key), so the tampering stays there.
/// </summary>
public sealed class JournalIntegrityTests : IAsyncLifetime
{
    // Segments of three entries: every chain here is verified in several segments put end to end (JournalVerifier), so
    // a break is found wherever it falls, inside a segment or at a seam.
    private readonly DiscretFactory _app = new()
    {
        Clock = new FakeTimeProvider(DateTimeOffset.UtcNow),
        Settings = new Dictionary<string, string> { ["Discret:Journal:VerifySegment"] = "3" },
    };

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Writes <paramref name="count"/> entries as the application would (chained), and returns the last sequence number.</summary>
    private async Task<long> WriteEntriesAsync(int count)
    {
        for (var i = 0; i < count; i++)
            await _app.WithAsync(async sp =>
            {
                await sp.GetRequiredService<AccessJournal>().WriteAsync(JournalAction.Recherche, detail: $"{i} résultat(s)");
                return 0;
            });
        return await _app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.MaxAsync(e => e.Seq));
    }

    private Task<JournalVerification> VerifyAsync() => _app.WithAsync(sp => sp.GetRequiredService<JournalVerifier>().VerifyAsync());
    private Task<JournalAnchor?> SealAsync() => _app.WithAsync(sp => sp.GetRequiredService<JournalAnchors>().SealAsync());

    /// <summary>Runs SQL straight on the database, as an intruder with the owner's rights would (on PostgreSQL, past the trigger).</summary>
    private Task TamperAsync(Func<DiscretDbContext, Task> change) => _app.WithDbAsync(async db =>
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (DiscretFactory.OnPostgres) await db.Database.ExecuteSqlRawAsync("SET LOCAL session_replication_role = replica");
        await change(db);
        await transaction.CommitAsync();
    });

    [Fact]
    public async Task An_untouched_journal_verifies_intact_with_every_entry_and_anchor_checked()
    {
        var last = await WriteEntriesAsync(6);
        Assert.NotNull(await SealAsync());
        await WriteEntriesAsync(2);

        var report = await VerifyAsync();

        Assert.True(report.Intact, report.Problem);
        Assert.Equal(last + 2, report.EntriesChecked);
        Assert.Equal(1, report.AnchorsChecked);
        Assert.Null(report.BrokenAt);
        Assert.Single(await _app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalVerifications.ToListAsync()));
    }

    [Fact]
    public async Task A_row_altered_in_the_database_is_named()
    {
        await WriteEntriesAsync(8);
        await TamperAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE journal_entries SET \"Detail\" = '0 résultat(s) ' WHERE \"Seq\" = 5"));

        var report = await VerifyAsync();

        Assert.False(report.Intact);
        Assert.Equal(5, report.BrokenAt);
        Assert.Contains("L'entrée n° 5 a été modifiée", report.Problem);
    }

    [Fact]
    public async Task Entries_of_every_shape_verify_and_a_change_at_the_end_of_a_long_one_is_named()
    {
        // Every field present or absent, accented texts, and a detail far longer than the reader's first buffer (64 KB).
        var longDetail = "création: " + new string('é', 100_000);
        await _app.WithAsync(async sp =>
        {
            var journal = sp.GetRequiredService<AccessJournal>();
            await journal.WriteAsync(JournalAction.Recherche);
            await journal.WriteAsync(JournalAction.AccesExceptionnel, Guid.NewGuid(), "Entretiens, Santé", "Urgence signalée par l’accueil", Guid.NewGuid());
            await journal.WriteAsync(JournalAction.Ecriture, Guid.NewGuid(), longDetail);
            await journal.WriteAsync(JournalAction.Lecture, Guid.NewGuid(), "Identité");
            return 0;
        });
        var intact = await VerifyAsync();
        Assert.True(intact.Intact, intact.Problem);
        Assert.Equal(4, intact.EntriesChecked);

        await TamperAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE journal_entries SET \"Detail\" = substr(\"Detail\", 1, length(\"Detail\") - 1) || 'e' WHERE \"Seq\" = 3"));
        var report = await VerifyAsync();

        Assert.False(report.Intact);
        Assert.Equal(3, report.BrokenAt);
        Assert.Contains("L'entrée n° 3 a été modifiée", report.Problem);
    }

    [Fact]
    public async Task A_deleted_row_is_named()
    {
        await WriteEntriesAsync(8);
        await TamperAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM journal_entries WHERE \"Seq\" = 4"));

        var report = await VerifyAsync();

        Assert.False(report.Intact);
        Assert.Equal(4, report.BrokenAt);
        Assert.Contains("L'entrée n° 4 est manquante", report.Problem);
    }

    [Fact]
    public async Task Reordered_rows_are_detected()
    {
        await WriteEntriesAsync(8);
        await TamperAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE journal_entries SET \"Seq\" = -1 WHERE \"Seq\" = 3");
            await db.Database.ExecuteSqlRawAsync("UPDATE journal_entries SET \"Seq\" = 3 WHERE \"Seq\" = 6");
            await db.Database.ExecuteSqlRawAsync("UPDATE journal_entries SET \"Seq\" = 6 WHERE \"Seq\" = -1");
        });

        var report = await VerifyAsync();

        Assert.False(report.Intact);
        Assert.Equal(3, report.BrokenAt);
        Assert.Contains("ne suit pas", report.Problem);
    }

    [Fact]
    public async Task A_chain_rewritten_after_a_change_does_not_match_the_anchor_sealed_before()
    {
        await WriteEntriesAsync(8);
        Assert.NotNull(await SealAsync());
        // The intruder changes entry 3 and recomputes every hash after it, and the head: the chain alone looks consistent.
        await TamperAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE journal_entries SET \"Detail\" = 'falsifié' WHERE \"Seq\" = 3");
            var entries = await db.JournalEntries.AsNoTracking().Where(e => e.Seq >= 3).OrderBy(e => e.Seq).ToListAsync();
            var previous = entries[0].PreviousHash;
            foreach (var e in entries)
            {
                var hash = JournalChain.ComputeHash(e, previous);
                await db.Database.ExecuteSqlAsync($"UPDATE journal_entries SET \"PreviousHash\" = {previous}, \"Hash\" = {hash} WHERE \"Seq\" = {e.Seq}");
                previous = hash;
            }
            await db.Database.ExecuteSqlAsync($"UPDATE journal_head SET \"Hash\" = {previous}");
        });

        var report = await VerifyAsync();

        Assert.False(report.Intact);
        Assert.Equal(8, report.BrokenAt);
        Assert.Contains("ne correspond pas au scellement", report.Problem);
    }

    [Fact]
    public async Task A_forged_anchor_and_a_cut_off_end_are_detected()
    {
        await WriteEntriesAsync(6);
        var anchor = await SealAsync();
        Assert.NotNull(anchor);

        // The last two entries removed, and the head moved back to hide it.
        await TamperAsync(async db =>
        {
            var four = await db.JournalEntries.AsNoTracking().SingleAsync(e => e.Seq == 4);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM journal_entries WHERE \"Seq\" > 4");
            await db.Database.ExecuteSqlAsync($"UPDATE journal_head SET \"Seq\" = 4, \"Hash\" = {four.Hash}");
        });
        var cut = await VerifyAsync();
        Assert.False(cut.Intact);
        Assert.Equal(5, cut.BrokenAt);
        Assert.Contains("ont disparu après le n° 4", cut.Problem);

        // An anchor rewritten to match: its signature no longer holds.
        var text = await File.ReadAllTextAsync(anchor.File);
        await File.WriteAllTextAsync(anchor.File, text.Replace("\"Seq\":6", "\"Seq\":4"));
        var forged = await VerifyAsync();
        Assert.False(forged.Intact);
        Assert.Contains("n'est pas authentique", forged.Problem);
    }

    [Fact]
    public async Task Concurrent_writers_form_one_unbroken_chain()
    {
        var before = await _app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.CountAsync());
        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => _app.WithAsync(async sp =>
        {
            await sp.GetRequiredService<AccessJournal>().WriteAsync(JournalAction.Lecture, Guid.NewGuid(), detail: "Identite");
            return 0;
        }))));

        var seqs = await _app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.OrderBy(e => e.Seq).Select(e => e.Seq).ToListAsync());
        Assert.Equal(before + 24, seqs.Count);
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        var report = await VerifyAsync();
        Assert.True(report.Intact, report.Problem);
    }

    [Fact]
    public async Task The_purge_deletes_entries_past_retention_and_the_chain_stays_verifiable()
    {
        var old = await WriteEntriesAsync(5);
        _app.Clock!.Advance(TimeSpan.FromDays(366));
        await WriteEntriesAsync(3);

        var deleted = await _app.WithAsync(sp => sp.GetRequiredService<JournalPurge>().RunAsync());

        Assert.Equal(old, deleted);
        var remaining = await _app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AsNoTracking().OrderBy(e => e.Seq).ToListAsync());
        Assert.Equal(old + 1, remaining[0].Seq);
        Assert.Contains(remaining, e => e.Action == JournalAction.PurgeJournal && e.Detail!.StartsWith($"{old} entrées supprimées"));
        Assert.Contains(await _app.WithAsync(sp => Task.FromResult(sp.GetRequiredService<JournalAnchors>().List())), a => a.Seq == old);
        var report = await VerifyAsync();
        Assert.True(report.Intact, report.Problem);
    }

    /// <summary>The DPO's spot checks judge workers: kept as long as the journal, deleted by its purge (issue 17 §2).</summary>
    [Fact]
    public async Task The_purge_deletes_the_spot_checks_of_the_entries_it_deletes()
    {
        var old = await WriteEntriesAsync(3);
        var dpo = Guid.CreateVersion7();
        var oldCheck = new SpotCheck(dpo, _app.Clock!.GetUtcNow().UtcDateTime);
        oldCheck.Items.Add(new SpotCheckItem(oldCheck.Id, old));
        await _app.WithDbAsync(db => { db.SpotChecks.Add(oldCheck); return db.SaveChangesAsync(); });
        _app.Clock.Advance(TimeSpan.FromDays(366));
        var recent = await WriteEntriesAsync(2);
        var newCheck = new SpotCheck(dpo, _app.Clock.GetUtcNow().UtcDateTime);
        newCheck.Items.Add(new SpotCheckItem(newCheck.Id, old - 1));   // an old entry drawn at the edge…
        newCheck.Items.Add(new SpotCheckItem(newCheck.Id, recent));    // …and a recent one
        await _app.WithDbAsync(db => { db.SpotChecks.Add(newCheck); return db.SaveChangesAsync(); });

        await _app.WithAsync(sp => sp.GetRequiredService<JournalPurge>().RunAsync());

        var checks = await _app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().SpotChecks.AsNoTracking().Include(c => c.Items).ToListAsync());
        var left = Assert.Single(checks);
        Assert.Equal(newCheck.Id, left.Id);
        Assert.Equal(recent, Assert.Single(left.Items).JournalSeq);
    }

    [Fact]
    public async Task When_the_journal_cannot_be_written_nothing_is_served_and_nothing_is_saved()
    {
        var worker = await _app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(_app, worker);
        var file = await _app.CreateCaseAsync(0, worker, birthName: "Dossiernonservi");
        await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(DiscretFactory.OnPostgres
            // PostgreSQL writes the entries in journal_pending first (then chains them): that is where the journal is blocked.
            ? "CREATE FUNCTION block_journal() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disque plein'; END $$; "
              + "CREATE TRIGGER block_journal BEFORE INSERT ON journal_pending FOR EACH ROW EXECUTE FUNCTION block_journal();"
            : "CREATE TRIGGER block_journal BEFORE INSERT ON journal_entries BEGIN SELECT RAISE(ABORT, 'disque plein'); END;"));
        var interviews = await _app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Interviews.CountAsync(i => i.FollowUpId == file.FollowUpId));

        var page = await ts.Client.GetAsync($"/personnes/{file.PersonId}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("Le journal des accès n'a pas pu être écrit", WebUtility.HtmlDecode(html));
        Assert.DoesNotContain("Dossiernonservi", html, StringComparison.OrdinalIgnoreCase);

        var api = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/entretiens",
            new { occurredOn = ParisTime.Today(TimeProvider.System).ToString("yyyy-MM-dd"), kind = "Permanence", source = "Personne" });
        Assert.False(api.IsSuccessStatusCode);
        Assert.DoesNotContain("Exception", await api.Content.ReadAsStringAsync());
        Assert.Equal(interviews, await _app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Interviews.CountAsync(i => i.FollowUpId == file.FollowUpId)));
    }

    [PostgresFact]
    public async Task On_postgresql_pending_entries_refuse_update_delete_and_truncate_and_a_left_pending_entry_is_chained_by_the_next_drain()
    {
        // An entry left pending (its writer's instance died between its commit and the chain).
        await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO journal_pending (\"At\", \"Action\", \"Detail\") VALUES (now(), 'Recherche', 'laissee-en-attente')"));
        foreach (var sql in new[] { "UPDATE journal_pending SET \"Detail\" = 'x'", "DELETE FROM journal_pending", "TRUNCATE journal_pending" })
        {
            var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql)));
            Assert.Equal("42501", error.SqlState);
        }
        await _app.WithDbAsync(db => JournalChain.DrainAsync(db));
        Assert.True(await _app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AnyAsync(e => e.Detail == "laissee-en-attente")));
        var report = await VerifyAsync();
        Assert.True(report.Intact, report.Problem);
    }

    [PostgresFact]
    public async Task On_postgresql_the_journal_table_refuses_update_delete_and_truncate()
    {
        await WriteEntriesAsync(3);
        foreach (var sql in new[] { "UPDATE journal_entries SET \"Detail\" = 'x' WHERE \"Seq\" = 2", "DELETE FROM journal_entries WHERE \"Seq\" = 2", "TRUNCATE journal_entries" })
        {
            var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql)));
            Assert.Equal("42501", error.SqlState);
        }
        var report = await VerifyAsync();
        Assert.True(report.Intact, report.Problem);
    }

    private Task<IReadOnlyList<JournalAnchor>> AnchorsAsync() => _app.WithAsync(sp => Task.FromResult(sp.GetRequiredService<JournalAnchors>().List()));

    [Fact]
    public async Task Entries_are_witnessed_outside_the_database_within_a_minute_and_cutting_them_off_then_is_detected()
    {
        await WriteEntriesAsync(4);
        Assert.NotNull(await SealAsync()); // the last lasting seal
        var last = await WriteEntriesAsync(3);
        Assert.DoesNotContain(await AnchorsAsync(), a => a.Seq >= last);

        _app.Clock!.Advance(TimeSpan.FromMinutes(1));
        await _app.WaitUntilAsync(async () => (await AnchorsAsync()).Any(a => a.Seq >= last && a.Authentic));

        // The three newest entries cut off and the head moved back: the chain alone looks whole.
        await TamperAsync(async db =>
        {
            var kept = await db.JournalEntries.AsNoTracking().SingleAsync(e => e.Seq == last - 3);
            await db.Database.ExecuteSqlAsync($"DELETE FROM journal_entries WHERE \"Seq\" > {kept.Seq}");
            await db.Database.ExecuteSqlAsync($"UPDATE journal_head SET \"Seq\" = {kept.Seq}, \"Hash\" = {kept.Hash}");
        });
        var report = await VerifyAsync();

        Assert.False(report.Intact);
        Assert.Equal(last - 2, report.BrokenAt);
        Assert.Contains($"ont disparu après le n° {last - 3}", report.Problem);
    }

    [Fact]
    public async Task The_anchor_key_and_the_seals_are_created_for_discrets_account_alone()
    {
        await WriteEntriesAsync(2);
        var anchor = (await SealAsync())!;
        _app.Clock!.Advance(TimeSpan.FromMinutes(1));
        await _app.WaitUntilAsync(async () => (await AnchorsAsync()).Any(a => Path.GetFileName(a.File) == JournalAnchors.HeadWitness));
        var key = Path.Combine(_app.JournalFolder, "anchor.key");

        Assert.Equal(JournalAnchors.PrivateFolder, File.GetUnixFileMode(_app.JournalFolder));
        Assert.Equal(JournalAnchors.PrivateFile, File.GetUnixFileMode(key));
        Assert.Equal(JournalAnchors.PrivateFolder, File.GetUnixFileMode(Path.GetDirectoryName(anchor.File)!));
        Assert.All((await AnchorsAsync()).Select(a => a.File), f => Assert.Equal(JournalAnchors.PrivateFile, File.GetUnixFileMode(f)));
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(anchor.File)!, "*.tmp"));
    }

    [Fact]
    public async Task A_new_anchor_key_keeps_every_seal_verifiable_and_the_former_key_verifies_nothing_more()
    {
        await WriteEntriesAsync(5);
        var anchor = (await SealAsync())!;
        var keyFile = Path.Combine(_app.JournalFolder, "anchor.key");
        var formerKey = await File.ReadAllBytesAsync(keyFile);
        var signedWithFormer = await File.ReadAllTextAsync(anchor.File); // kept aside, out of the folder

        var resigned = _app.With(sp => sp.GetRequiredService<JournalAnchors>().RotateKey());

        Assert.Equal(1, resigned);
        Assert.NotEqual(formerKey, await File.ReadAllBytesAsync(keyFile));
        Assert.Equal(JournalAnchors.PrivateFile, File.GetUnixFileMode(keyFile));
        var report = await VerifyAsync();
        Assert.True(report.Intact, report.Problem);
        Assert.Equal(1, report.AnchorsChecked);
        // A seal signed with the former key is no longer authentic.
        await File.WriteAllTextAsync(Path.Combine(Path.GetDirectoryName(anchor.File)!, "anchor-before-rotation.json"), signedWithFormer);
        var withFormer = await VerifyAsync();
        Assert.False(withFormer.Intact);
        Assert.Contains("anchor-before-rotation.json", withFormer.Problem);
    }

    /// <summary>The application's role of the README (« Journal of accesses », « Append-only on PostgreSQL »), word for word but its name.</summary>
    private static string ApplicationRole(string role) => $"""
        CREATE ROLE {role} LOGIN;
        GRANT USAGE ON SCHEMA public TO {role};
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
        GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role};
        REVOKE UPDATE, DELETE, TRUNCATE ON journal_entries FROM {role};
        REVOKE UPDATE, TRUNCATE ON journal_pending FROM {role};
        SELECT discret_journal_partition_privileges();
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role};
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO {role};
        """;

    [PostgresFact]
    public async Task On_postgresql_the_application_role_of_the_readme_appends_to_the_journal_but_cannot_cut_it()
    {
        var last = await WriteEntriesAsync(3);
        var role = "discret_app_" + Guid.NewGuid().ToString("N")[..12];
        await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(ApplicationRole(role)));
        try
        {
            var server = Environment.GetEnvironmentVariable("DISCRET_TEST_PG")!;
            await using var asApp = _app.WithWebHostBuilder(b => b
                .UseSetting("ConnectionStrings:Postgres", $"{server};Database={_app.DatabaseName};Username={role};Pooling=false")
                .UseSetting("Discret:DemoMode", "false"));
            using (var scope = asApp.Services.CreateScope())
            {
                await scope.ServiceProvider.GetRequiredService<AccessJournal>().WriteAsync(JournalAction.Recherche, detail: "0 résultat(s)");
                Assert.Equal(last + 1, await scope.ServiceProvider.GetRequiredService<DiscretDbContext>().JournalHeads.Select(h => h.Seq).SingleAsync());
                // The role makes the journal's months (as the maintenance job does), and gets nothing on them.
                await JournalPartitions.EnsureAsync(scope.ServiceProvider.GetRequiredService<DiscretDbContext>(), new DateTime(2040, 6, 10, 0, 0, 0, DateTimeKind.Utc));
            }
            var month = $"journal_entries_{DateTime.UtcNow:yyyy_MM}";
            foreach (var cut in new[]
            {
                "SET LOCAL discret.journal_purge = 'on'; DELETE FROM journal_entries WHERE \"Seq\" > 2",
                "TRUNCATE journal_entries",
                "UPDATE journal_entries SET \"Detail\" = 'x' WHERE \"Seq\" = 2",
                // Its months, the one it just made, and the default one: not a way round.
                $"SET LOCAL discret.journal_purge = 'on'; DELETE FROM {month}",
                $"UPDATE {month} SET \"Detail\" = 'x'",
                "SET LOCAL discret.journal_purge = 'on'; DELETE FROM journal_entries_2040_06",
                "SET LOCAL discret.journal_purge = 'on'; DELETE FROM journal_entries_default",
                $"DROP TABLE {month}",
            })
            {
                using var scope = asApp.Services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<DiscretDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync();
                var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.Database.ExecuteSqlRawAsync(cut));
                Assert.Equal("42501", refused.SqlState);
                Assert.Contains(cut.StartsWith("DROP") ? "must be owner of table journal_entries" : "permission denied for table journal_entries", refused.MessageText);
            }
            var report = await VerifyAsync();
            Assert.True(report.Intact, report.Problem);
            Assert.Equal(last + 1, report.EntriesChecked);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync($"DROP OWNED BY {role}; DROP ROLE {role};"));
        }
    }
}
