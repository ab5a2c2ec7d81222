using Discret.Domain.Accounts;
using Discret.Domain.Documents;
using Discret.Domain.Journal;
using Discret.Domain.Organisation;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Discret.Data;

/// <summary>
/// Discret's one database. Provider-specific subclasses exist only so that each provider keeps its own
/// migrations (src/Discret.Migrations.Sqlite and src/Discret.Migrations.Postgres); the model is the same.
/// </summary>
public abstract class DiscretDbContext(DbContextOptions options)
    : IdentityUserContext<StaffAccount, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Circonscription> Circonscriptions => Set<Circonscription>();
    /// <summary>Creations, resets, changes of role and reactivations of staff accounts, and who confirmed them.</summary>
    public DbSet<AccountRequest> AccountRequests => Set<AccountRequest>();
    public DbSet<DepartementSettings> DepartementSettings => Set<DepartementSettings>();
    public DbSet<Person> Persons => Set<Person>();
    /// <summary>The words a person is found by; written by <see cref="NameWordsSync"/> with the names, never by a use case.</summary>
    public DbSet<PersonNameWord> PersonNameWords => Set<PersonNameWord>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<FollowUpMember> FollowUpMembers => Set<FollowUpMember>();
    public DbSet<Interview> Interviews => Set<Interview>();
    public DbSet<InterviewRevision> InterviewRevisions => Set<InterviewRevision>();
    public DbSet<InterviewAddendum> InterviewAddenda => Set<InterviewAddendum>();
    /// <summary>Read only through <c>WorkingNotes</c> (author == current account) and the expiry purge.</summary>
    public DbSet<WorkingNote> WorkingNotes => Set<WorkingNote>();
    // Agenda (issue 16 §2)
    public DbSet<Discret.Domain.Agenda.Appointment> Appointments => Set<Discret.Domain.Agenda.Appointment>();
    public DbSet<Discret.Domain.Agenda.AppointmentWorker> AppointmentWorkers => Set<Discret.Domain.Agenda.AppointmentWorker>();
    public DbSet<Discret.Domain.Agenda.Room> Rooms => Set<Discret.Domain.Agenda.Room>();
    public DbSet<Discret.Domain.Agenda.CalendarFeed> CalendarFeeds => Set<Discret.Domain.Agenda.CalendarFeed>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    /// <summary>Open sessions of staff; a change of an account's security stamp deletes its rows (<see cref="SessionRevocation"/>).</summary>
    public DbSet<ServerSession> ServerSessions => Set<ServerSession>();
    /// <summary>Appended through <c>AccessJournal</c> and chained by <see cref="SaveChangesAsync(bool, CancellationToken)"/>; never updated.</summary>
    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();
    public DbSet<JournalHead> JournalHeads => Set<JournalHead>();
    public DbSet<JournalVerification> JournalVerifications => Set<JournalVerification>();
    public DbSet<BreakGlassAccess> BreakGlassAccesses => Set<BreakGlassAccess>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<SpotCheck> SpotChecks => Set<SpotCheck>();
    public DbSet<SpotCheckItem> SpotCheckItems => Set<SpotCheckItem>();

    public DbSet<PublishedDocument> PublishedDocuments => Set<PublishedDocument>();
    public DbSet<NoticeTranslation> NoticeTranslations => Set<NoticeTranslation>();
    public DbSet<Discret.Domain.Retention.RetentionSetting> RetentionSettings => Set<Discret.Domain.Retention.RetentionSetting>();
    public DbSet<InformationRecord> InformationRecords => Set<InformationRecord>();
    public DbSet<FactDisclosure> FactDisclosures => Set<FactDisclosure>();
    public DbSet<SharingConsent> SharingConsents => Set<SharingConsent>();
    public DbSet<Sharing> Sharings => Set<Sharing>();
    public DbSet<RightsRequest> RightsRequests => Set<RightsRequest>();
    public DbSet<RectifiedValue> RectifiedValues => Set<RectifiedValue>();
    public DbSet<Discret.Domain.Retention.LegalHold> LegalHolds => Set<Discret.Domain.Retention.LegalHold>();
    public DbSet<Discret.Domain.Retention.EliminationBatch> EliminationBatches => Set<Discret.Domain.Retention.EliminationBatch>();
    public DbSet<Discret.Domain.Retention.RetentionRun> RetentionRuns => Set<Discret.Domain.Retention.RetentionRun>();
    public DbSet<Discret.Domain.Retention.StatisticCell> StatisticCells => Set<Discret.Domain.Retention.StatisticCell>();
    public DbSet<Discret.Domain.Statistics.StatFigure> StatFigures => Set<Discret.Domain.Statistics.StatFigure>();
    public DbSet<Discret.Domain.Statistics.StatYear> StatYears => Set<Discret.Domain.Statistics.StatYear>();
    public DbSet<Discret.Domain.Retention.JobLease> JobLeases => Set<Discret.Domain.Retention.JobLease>();

    // Letters (issue 16 §4): the département's templates, versioned, and the letters produced for persons.
    public DbSet<Discret.Domain.Letters.LetterTemplate> LetterTemplates => Set<Discret.Domain.Letters.LetterTemplate>();
    public DbSet<Discret.Domain.Letters.Letter> Letters => Set<Discret.Domain.Letters.Letter>();
    // Tasks (issue 16 §3): read only through Features/Taches (author, assignee, secretariat, team when « équipe »).
    public DbSet<Discret.Domain.Tasks.WorkTask> Tasks => Set<Discret.Domain.Tasks.WorkTask>();
    // Online procedures (issue 19): digital helps within a follow-up, mandates on the CNIL's model and what is done under them.
    public DbSet<Discret.Domain.Mandates.DigitalHelp> DigitalHelps => Set<Discret.Domain.Mandates.DigitalHelp>();
    public DbSet<Discret.Domain.Mandates.Mandate> Mandates => Set<Discret.Domain.Mandates.Mandate>();
    public DbSet<Discret.Domain.Mandates.MandateAuthorisation> MandateAuthorisations => Set<Discret.Domain.Mandates.MandateAuthorisation>();
    public DbSet<Discret.Domain.Mandates.MandateAction> MandateActions => Set<Discret.Domain.Mandates.MandateAction>();

    /// <summary>Reads the end of the journal's chain and locks it until the transaction ends (see <c>JournalChain</c>).</summary>
    internal virtual string LockJournalHeadSql => "SELECT \"Id\", \"Seq\", \"Hash\" FROM journal_head WHERE \"Id\" = 1";

    private Guid? _journaledTransaction;

    /// <summary>PostgreSQL: journal entries are committed pending, then chained by the database (<see cref="JournalChain.DrainAsync"/>).</summary>
    public virtual bool ChainsPendingEntries => false;

    /// <summary>
    /// Begins a transaction that writes journal entries; every such transaction begins so (a save of entries in any
    /// other transaction throws). SQLite: it holds the journal's head from its first statement, as a single save does —
    /// one that took the head only at its last save, after writing rows, could wait on a writer holding the head and
    /// waiting on those rows. PostgreSQL: it holds nothing; its entries are chained once it commits.
    /// </summary>
    public async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginJournaledTransactionAsync(CancellationToken ct = default)
    {
        var transaction = await Database.BeginTransactionAsync(ct);
        _journaledTransaction = transaction.TransactionId;
        if (ChainsPendingEntries) return new DrainingTransaction(transaction, this);
        await JournalHeads.FromSqlRaw(LockJournalHeadSql).AsNoTracking().SingleAsync(ct);
        return transaction;
    }

    /// <summary>
    /// Makes the current transaction wait for any other holding the same <paramref name="key"/> until it ends, so a
    /// count then an insert (a limit) is never done twice at once. SQLite needs nothing: its writers take turns.
    /// </summary>
    public Task SerializeAsync(string key, CancellationToken ct = default) =>
        ChainsPendingEntries
            ? Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", ct)
            : Task.CompletedTask;

    /// <summary>PostgreSQL: the journaled transaction, which chains its entries once committed.</summary>
    private sealed class DrainingTransaction(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction inner, DiscretDbContext db)
        : Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction
    {
        public Guid TransactionId => inner.TransactionId;
        public void Commit() => throw new InvalidOperationException("A journaled transaction commits with CommitAsync.");
        public async Task CommitAsync(CancellationToken cancellationToken = default)
        {
            await inner.CommitAsync(cancellationToken);
            await db.DrainAfterCommitAsync();
        }
        public void Rollback() => inner.Rollback();
        public Task RollbackAsync(CancellationToken cancellationToken = default) => inner.RollbackAsync(cancellationToken);
        public void Dispose() => inner.Dispose();
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    /// <summary>
    /// After a commit: chains the entries it left pending. Their change is saved and they are on disk whatever happens
    /// here; a failure (the database gone an instant) is left to the background drain (<c>JournalDrain</c>).
    /// </summary>
    private async Task DrainAfterCommitAsync()
    {
        try
        {
            await JournalChain.DrainAsync(this, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Left pending, on disk: the background drain chains them (and logs if the database is still unreachable).
        }
    }

    /// <summary>
    /// Journal entries added to this unit of work are chained and saved in the same transaction as the rest of it:
    /// a change is never saved without its entry, nor an entry without its change.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await SessionRevocation.EndSessionsOfChangedAccountsAsync(this, cancellationToken);
        await NameWordsSync.FollowNamesAsync(this, cancellationToken);
        var pending = ChangeTracker.Entries<JournalEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (pending.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (Database.CurrentTransaction is { } current)
        {
            if (current.TransactionId != _journaledTransaction)
                throw new InvalidOperationException("A transaction that writes journal entries begins with BeginJournaledTransactionAsync.");
            if (ChainsPendingEntries) return await StageAndSaveAsync(pending, acceptAllChangesOnSuccess, cancellationToken);
            await JournalChain.LinkAsync(this, pending, cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        if (ChainsPendingEntries)
        {
            // The change and its entries in one transaction, no lock on the head; then the chain, after the commit.
            int saved;
            await using (var transaction = await Database.BeginTransactionAsync(cancellationToken))
            {
                saved = await StageAndSaveAsync(pending, acceptAllChangesOnSuccess, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            await DrainAfterCommitAsync();
            return saved;
        }
        // Three round trips: the locked head (with BEGIN), the entries and the new head (with the change, one batch), COMMIT.
        // No savepoint: on failure the whole transaction is rolled back anyway.
        var savepoints = Database.AutoSavepointsEnabled;
        Database.AutoSavepointsEnabled = false;
        try
        {
            await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
            _journaledTransaction = transaction.TransactionId;
            await JournalChain.LinkAsync(this, pending, cancellationToken);
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return saved;
        }
        finally
        {
            Database.AutoSavepointsEnabled = savepoints;
        }
    }

    /// <summary>Saves the change, then inserts its entries pending (they leave the unit of work: the database chains them).</summary>
    private async Task<int> StageAndSaveAsync(List<JournalEntry> pending, bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        foreach (var entry in pending) Entry(entry).State = EntityState.Detached;
        try
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
            await JournalChain.StageAsync(this, pending, ct);
            return saved + pending.Count;
        }
        catch (Exception e)
        {
            // Nothing was committed: the entries go back to the unit of work, as they would stay on SQLite.
            foreach (var entry in pending) Entry(entry).State = EntityState.Added;
            // Npgsql refusing a command for the state of its connection means the database ended the transaction under
            // us (a restart between the change and the entries — « Transaction is already completed »): the storage is
            // away, a 503 to retry, not an error of Discret's.
            if (e is InvalidOperationException { Source: "Npgsql" })
                throw new Npgsql.NpgsqlException("The database ended the transaction while the journal entries were written.", e);
            throw;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (ChangeTracker.Entries<JournalEntry>().Any(e => e.State == EntityState.Added))
            throw new InvalidOperationException("Journal entries are saved by SaveChangesAsync only.");
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        // Identity's tables at the schema version of the Identity options the context is built with (IdentityOptions.Stores:
        // version 3, with AspNetUserPasskeys — SecurityModule, and the migrations' design-time factories).
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DiscretDbContext).Assembly, t => t.Namespace == typeof(DiscretDbContext).Namespace + ".Configurations");
        builder.ReadUnknownValues();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Every timestamp is UTC; SQLite would otherwise read them back as "unspecified".
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configuration.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteDiscretDbContext(DbContextOptions<SqliteDiscretDbContext> options) : DiscretDbContext(options);

public sealed class PostgresDiscretDbContext(DbContextOptions<PostgresDiscretDbContext> options) : DiscretDbContext(options)
{
    internal override string LockJournalHeadSql => base.LockJournalHeadSql + " FOR UPDATE";

    public override bool ChainsPendingEntries => true;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Name keys hold a–z only and are searched by the range [key, key + "{"): that needs byte order ("C"), as on
        // SQLite. Under a linguistic default collation (fr-FR) '{' sorts before the letters, so the range would miss
        // every longer name, and its indexes could not serve the prefix scan.
        builder.Entity<Person>(p =>
        {
            p.Property(x => x.BirthNameKey).UseCollation("C");
            p.Property(x => x.UsageNameKey).UseCollation("C");
            p.Property(x => x.BirthNameSound).UseCollation("C");
            p.Property(x => x.UsageNameSound).UseCollation("C");
            p.Property(x => x.FirstNamesKey).UseCollation("C");
        });
        builder.Entity<PersonNameWord>(w =>
        {
            w.Property(x => x.Word).UseCollation("C");
            w.Property(x => x.Sound).UseCollation("C");
        });
    }
}
