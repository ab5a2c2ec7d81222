using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Organisation;
using Discret.Web.Features.Connexion;
using Discret.Web.Security.Secrets;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Discret.Bench;

/// <summary>
/// Makes a generated data set usable through the running app (the load scenario, bench/Discret.Bench.Load): the
/// generator's accounts have no password, no second factor and an old charter version, and the database has no
/// département settings (so /health/ready stays 503). With <c>generate --bench-credentials</c>, or <c>credentials</c> on a
/// database already generated:
/// <list type="bullet">
/// <item>every staff account gets the bench password and TOTP seed below (the seed written in clear in
/// <c>AspNetUserTokens</c>, as an earlier version stored it: the app reads it and seals it at its next start), the current
/// charter accepted and its password « changed » now (privileged roles would otherwise be sent to change it);</item>
/// <item>one DPO account, <c>dpo.bench</c>, of the first circonscription;</item>
/// <item>the département's settings row;</item>
/// <item>no data-protection key: the app makes one at its next start, encrypted by its key-encryption certificate;</item>
/// <item>an information record (notice given by hand on the day the follow-up opened, by its referent) for every person
/// with an open follow-up and none yet: the generator writes none, and the app refuses an interview (409) on a file older
/// than 30 days whose person was never informed — a morning's interviews are recorded on informed files. This lightens
/// « Mes accompagnements »' overdue lookups (scenario g's heaviest case): re-generate for g–l.</item>
/// </list>
/// The same values as the demo accounts (public, in the repository): a bench database only, never one with real data.
/// </summary>
public static class BenchCredentials
{
    public const string Password = "Discret-Demo-2026!";
    public const string TotpSecret = "DISCRETDEMOSECRETTOTPKEY234567AB";
    public const string DpoLogin = "dpo.bench";

    public static async Task ApplyAsync(string connectionString)
    {
        var now = DateTime.UtcNow;
        var options = new DbContextOptionsBuilder<PostgresDiscretDbContext>().UseApplicationServiceProvider(DatabaseSetup.DesignTimeServices()).UseNpgsql(connectionString).Options;
        await using (var db = new PostgresDiscretDbContext(options))
        {
            if (!await db.DepartementSettings.AnyAsync())
                db.DepartementSettings.Add(new DepartementSettings("Département du banc d'essai (fictif)", "#1f5f8b", "Président du conseil départemental", "dpo@bench.example"));
            if (!await db.Users.AnyAsync(a => a.UserName == DpoLogin))
            {
                var first = await db.Circonscriptions.OrderBy(c => c.Name).Select(c => c.Id).FirstAsync();
                var dpo = new StaffAccount(DpoLogin, "Déléguée Banc", StaffRole.Dpo, first, now) { TwoFactorEnabled = true };
                dpo.ConfirmAccess(now);
                dpo.NormalizedUserName = DpoLogin.ToUpperInvariant();
                db.Users.Add(dpo);
            }
            await db.SaveChangesAsync();
        }
        // One hash for every account (the same salt): what matters is that each sign-in costs the app what a real one does.
        var hash = new PasswordHasher<StaffAccount>().HashPassword(null!, Password);
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var cmd = new NpgsqlCommand("""
            UPDATE staff_accounts SET "PasswordHash" = @hash, "TwoFactorEnabled" = true, "CharterVersion" = @charter,
              "CharterAcceptedAt" = @now, "PasswordChangedAt" = @now, "AccessFailedCount" = 0, "LockoutEnd" = NULL, "TotpLastStep" = NULL;
            DELETE FROM "AspNetUserTokens" WHERE "LoginProvider" = @provider AND "Name" = @name;
            -- The data-protection keys are encrypted by a certificate outside the database (the load driver keeps one per
            -- database): started afresh, so that a lost certificate is repaired by running `credentials` again.
            DELETE FROM "DataProtectionKeys";
            INSERT INTO "AspNetUserTokens" ("UserId", "LoginProvider", "Name", "Value")
              SELECT "Id", @provider, @name, @seed FROM staff_accounts;
            INSERT INTO information_records ("Id", "PersonId", "NoticeVersion", "Method", "InformedOn", "RecordedById", "RecordedAt")
              SELECT gen_random_uuid(), f."PersonId", 1, 'RemiseEnMain', f."OpenedOn", f."ReferentId", f."OpenedOn"::timestamp AT TIME ZONE 'Europe/Paris'
              FROM (SELECT DISTINCT ON ("PersonId") "PersonId", "OpenedOn", "ReferentId" FROM follow_ups WHERE "Status" = 'Ouvert' ORDER BY "PersonId", "OpenedOn") f
              WHERE NOT EXISTS (SELECT 1 FROM information_records r WHERE r."PersonId" = f."PersonId");
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("hash", hash);
            cmd.Parameters.AddWithValue("charter", Charter.Version);
            cmd.Parameters.AddWithValue("now", now);
            cmd.Parameters.AddWithValue("provider", SealedSecrets.LoginProvider);
            cmd.Parameters.AddWithValue("name", SealedSecrets.AuthenticatorKey);
            cmd.Parameters.AddWithValue("seed", TotpSecret);
            cmd.CommandTimeout = 0;
            await cmd.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM staff_accounts", conn);
        Console.WriteLine($"bench credentials: {(long)(await count.ExecuteScalarAsync())!:N0} staff accounts can sign in (password and TOTP seed of bench/README.md « Load scenario »), DPO account {DpoLogin}, département settings present");
    }
}
