using System.Net;
using System.Text;
using Discret.Tests.Support;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Discret.Tests.Droits;
using Discret.Web.Features.Conservation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Discret.Tests.Conservation;

/// <summary>
/// Deletion reaches the disk: once the retention job or an erasure says a person is deleted, no byte of that person is
/// left in the SQLite database file nor in its write-ahead log (the job does not wait for a later checkpoint), and on
/// PostgreSQL no table holds them and the job has vacuumed the tables it emptied. A unique marker is written in the
/// names, the e-mail, the address, an interview and a working note; the files are then read as raw bytes. Each test runs
/// its own application: the job moves the clock by years, and the files read are this application's alone.
/// </summary>
public sealed class DeletionOnDiskTests : IAsyncLifetime
{
    private readonly DiscretFactory _app = new() { Clock = new FakeTimeProvider(DateTimeOffset.UtcNow) };

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private FakeTimeProvider Clock => _app.Clock!;

    /// <summary>Letters only (it is a name too), unique to the test.</summary>
    private static string Marker() => "Qzv" + new string(Guid.NewGuid().ToString("N").Select(c => (char)('a' + c % 26)).Take(12).ToArray());

    /// <summary>A person whose every free field carries the marker, with a closed follow-up, an interview and a working note.</summary>
    private Task<(Guid PersonId, Guid ReferentId)> PersonMarkedAsync(string marker) =>
        _app.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<DiscretDbContext>();
            var referent = await _app.CreateAccountAsync(StaffRole.TravailleurSocial);
            var now = Clock.GetUtcNow().UtcDateTime;
            var circonscription = await db.Circonscriptions.OrderBy(c => c.Name).Select(c => c.Id).FirstAsync();
            var household = new Household(new HouseholdAddress($"12 rue {marker}", "99000", "Valmont"), now);
            var person = new Person(new PersonIdentity(marker, marker + "x", marker + "y", new DateOnly(1979, 3, 2), null, $"{marker.ToLowerInvariant()}@exemple.fr"),
                household.Id, HouseholdLink.PersonneDeReference, circonscription, Provenance.ThePerson, now);
            var followUp = new FollowUp(person.Id, circonscription, referent.Id, [FollowUpMotive.Logement], ParisTime.Today(Clock), Provenance.AProfessional);
            db.AddRange(household, person, followUp);
            db.Interviews.Add(new Interview(followUp.Id, referent.Id, new InterviewContent(ParisTime.Today(Clock), InterviewKind.Permanence, [person.Id],
                [FollowUpMotive.Logement], [], $"Entretien avec {marker} sur le logement.", Provenance.ThePerson), now));
            db.WorkingNotes.Add(new WorkingNote(followUp.Id, referent.Id, $"Rappeler {marker} la semaine prochaine.", now, now.AddDays(30)));
            followUp.Close(ParisTime.Today(Clock));
            await db.SaveChangesAsync();
            return (person.Id, referent.Id);
        });

    /// <summary>The marker as stored (UTF-8, the SQLite encoding) and as UTF-16, in the cases it is stored in (the search keys are lower case).</summary>
    private static List<byte[]> Needles(string marker) =>
        new[] { marker, marker.ToLowerInvariant(), marker.ToUpperInvariant() }
            .SelectMany(m => new[] { Encoding.UTF8.GetBytes(m), Encoding.Unicode.GetBytes(m) }).ToList();

    /// <summary>Reads the database's files as they are on disk now, without checkpointing anything.</summary>
    private async Task AssertNoByteLeftAsync(string marker)
    {
        if (DiscretFactory.OnPostgres)
        {
            var tables = await _app.DbAsync(db => db.Database.SqlQueryRaw<string>(
                "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'").ToListAsync());
            Assert.Contains("persons", tables);
            foreach (var table in tables)
            {
                var hits = await _app.DbAsync(db => db.Database.SqlQueryRaw<int>(
                    $"SELECT count(*)::int AS \"Value\" FROM \"{table}\" t WHERE t::text ILIKE '%' || {{0}} || '%'", marker).SingleAsync());
                Assert.True(hits == 0, $"{table} still holds the marker");
            }
            return;
        }
        var files = new[] { _app.SqliteFile, _app.SqliteFile + "-wal", _app.SqliteFile + "-journal" }.Where(File.Exists).ToList();
        Assert.Contains(_app.SqliteFile + "-wal", files); // the log is there to be read: the database runs in WAL mode
        foreach (var path in files)
        {
            var bytes = await ReadSharedAsync(path);
            foreach (var needle in Needles(marker))
                Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"{Path.GetFileName(path)} still holds the marker");
        }
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return memory.ToArray();
    }

    [Fact]
    public async Task Once_the_retention_job_deleted_a_person_no_byte_of_them_is_left_in_the_database_or_its_log()
    {
        var marker = Marker();
        var (personId, _) = await PersonMarkedAsync(marker);
        Clock.Advance(TimeSpan.FromDays(731));
        await _app.RunRetentionAsync();
        await _app.ApproveBatchAsync();

        var run = (await _app.RunRetentionAsync())!;

        Assert.Equal(Discret.Domain.Retention.RunOutcome.Terminee, run.Outcome);
        Assert.False(await _app.PersonExistsAsync(personId));
        await AssertNoByteLeftAsync(marker);
    }

    [Fact]
    public async Task Once_an_erasure_is_executed_no_byte_of_the_person_is_left_in_the_database_or_its_log()
    {
        var marker = Marker();
        var (personId, referentId) = await PersonMarkedAsync(marker);
        var request = await _app.CreateRequestAsync(personId, RightKind.Effacement, referentId);
        var dpo = await StaffSession.LoginAsync(_app, await _app.CreateAccountAsync(StaffRole.Dpo));

        var erased = await dpo.PostFormAsync($"/droits/demandes/{request}?handler=Erase", new Dictionary<string, string>(), $"/droits/demandes/{request}");

        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        Assert.False(await _app.PersonExistsAsync(personId));
        await AssertNoByteLeftAsync(marker);
    }

    [PostgresFact]
    public async Task On_postgresql_the_retention_job_vacuums_every_table_a_deletion_empties()
    {
        var (personId, _) = await PersonMarkedAsync(Marker());
        Clock.Advance(TimeSpan.FromDays(731));
        await _app.RunRetentionAsync();
        await _app.ApproveBatchAsync();
        var tables = _app.With(sp => PersonDeletion.Tables(sp.GetRequiredService<DiscretDbContext>()));
        Assert.Contains("persons", tables);
        Assert.Contains("interviews", tables);
        Assert.Contains("households", tables);
        Assert.Contains("rights_requests", tables);
        var before = await _app.DbAsync(db => db.Database.SqlQueryRaw<DateTime>("SELECT now() AS \"Value\"").SingleAsync());

        await _app.RunRetentionAsync();

        Assert.False(await _app.PersonExistsAsync(personId));
        var vacuumed = await _app.DbAsync(db => db.Database.SqlQueryRaw<string>(
            "SELECT relname AS \"Value\" FROM pg_stat_user_tables WHERE last_vacuum >= {0}", before).ToListAsync());
        Assert.Empty(tables.Except(vacuumed));
    }
}
