using System.Security.Cryptography;
using System.Text;
using Discret.Data;
using Discret.Domain.Input;
using Discret.Domain.Journal;
using Discret.Domain.Mandates;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Mandats;

/// <summary>
/// « Vérifier un mandat »: any member of staff types the code printed under the QR code (and, if she wants, the fingerprint
/// printed on the copy) and learns whether the mandate is valid, revoked, expired or not yet signed — and whether the copy
/// matches what was sealed. Nothing of its content is shown: only the follow-up's team gets a link to the mandate. The code
/// is opaque (no personal data); lookups are rate-limited like searches and journaled with the mandate as reference.
/// </summary>
[AcrossFiles("a lookup by the opaque code printed on a mandate: answers a state, never the content; the team's link goes through PersonFileContext")]
public sealed class MandateVerification(DiscretDbContext db, TimeProvider clock, AccessJournal journal, PersonFileContext files)
{
    /// <summary>Liste fermée : Valide (signé, en vigueur aujourd'hui) ; PasEncoreEnVigueur (signé, commence plus tard) ; PasEncoreSigne ; Expire ; Revoque ; EmpreinteDifferente (l'empreinte saisie ou le document enregistré ne correspond pas) ; Inconnu (aucun mandat sous ce code).</summary>
    public enum Verdict { Valide, PasEncoreEnVigueur, PasEncoreSigne, Expire, Revoque, EmpreinteDifferente, Inconnu }

    /// <summary>Le résultat de la vérification d'un mandat : son état seulement, jamais son contenu.</summary>
    /// <param name="Verdict">Ce que dit la vérification.</param>
    /// <param name="Message">La même chose en une phrase, en français.</param>
    /// <param name="Href">Chemin de la page du mandat dans Discret (/personnes/{id}/mandats/{mandatId}), seulement pour l'équipe de l'accompagnement ; null sinon.</param>
    public sealed record Answer(Verdict Verdict, string Message, string? Href);

    /// <summary>Checks a code (and optionally a fingerprint) as typed; an invalid input is a field error.</summary>
    public async Task<Result<Answer>> CheckAsync(string? code, string? fingerprint, CancellationToken ct = default)
    {
        var normalised = Mandate.NormaliseCode(code);
        if (normalised.Length == 0) return Result.Invalid("Code", "Saisissez le code du mandat, imprimé sous le code QR (par exemple ABCD-EFGH-JK).");
        if (normalised.Length != Mandate.CodeLength)
            return Result.Invalid("Code", $"Le code d'un mandat compte {Mandate.CodeLength} lettres et chiffres (par exemple ABCD-EFGH-JK) : vérifiez-le.");
        var typedFingerprint = new string((fingerprint ?? "").Where(char.IsAsciiHexDigit).Select(char.ToLowerInvariant).ToArray());
        if (!string.IsNullOrWhiteSpace(fingerprint) && typedFingerprint.Length != 64)
            return Result.Invalid("Fingerprint", "L'empreinte compte 64 caractères (chiffres et lettres de a à f), imprimés en 8 groupes : vérifiez-la, ou laissez-la vide.");

        var mandate = await db.Mandates.AsNoTracking().FirstOrDefaultAsync(m => m.Code == normalised, ct);
        if (mandate is null)
        {
            await journal.WriteAsync(JournalAction.Recherche, detail: "vérification d'un mandat : code inconnu", ct: ct);
            return Result.Ok(new Answer(Verdict.Inconnu, "Aucun mandat ne porte ce code. Vérifiez le code saisi.", null));
        }
        var today = ParisTime.Today(clock);
        var matches = mandate.DocumentIntact && (typedFingerprint.Length == 0 || CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(typedFingerprint), Encoding.ASCII.GetBytes(mandate.Fingerprint)));
        var verdict = !matches ? Verdict.EmpreinteDifferente
            : Mandates.StateOn(mandate, today) switch
            {
                Mandates.State.EnVigueur => Verdict.Valide,
                Mandates.State.AVenir => Verdict.PasEncoreEnVigueur,
                Mandates.State.PasEncoreSigne => Verdict.PasEncoreSigne,
                Mandates.State.Expire => Verdict.Expire,
                _ => Verdict.Revoque,
            };
        var view = await files.PersonAsync(mandate.PersonId, journalRefusal: false);
        var team = view is not null && MandateAccess.CanRead(view);
        await journal.WriteAsync(JournalAction.Recherche, team ? mandate.PersonId : null, $"vérification d'un mandat : {verdict}", reference: mandate.Id, ct: ct);
        return Result.Ok(new Answer(verdict, Message(verdict, mandate), team ? $"/personnes/{mandate.PersonId}/mandats/{mandate.Id}" : null));
    }

    public static string Message(Verdict verdict, Mandate mandate) => verdict switch
    {
        Verdict.Valide => "Mandat valide : signé, en vigueur aujourd'hui.",
        Verdict.PasEncoreEnVigueur => "Mandat signé, pas encore en vigueur aujourd'hui.",
        Verdict.PasEncoreSigne => "Mandat pas encore signé : aucune démarche ne peut être faite sous ce mandat.",
        Verdict.Expire => "Mandat expiré : aucune démarche ne peut plus être faite sous ce mandat.",
        Verdict.Revoque => "Mandat révoqué par la personne : aucune démarche ne peut plus être faite sous ce mandat.",
        Verdict.EmpreinteDifferente => "L'empreinte ne correspond pas : cette copie n'est pas le mandat enregistré sous ce code. Ne l'utilisez pas.",
        Verdict.Inconnu => "Aucun mandat ne porte ce code.",
        _ => ClosedList.Unknown(verdict),
    };
}
