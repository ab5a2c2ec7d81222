using Discret.Domain.Mandates;
using Discret.Web.Shared.Pdf;

namespace Discret.Web.Features.Mandats;

/// <summary>
/// The mandate's two copies and the revocation receipt, written with the one PDF writer. Drawn only from what is stored
/// with the mandate — its sealed document, code, fingerprint, preparation date (and, for the receipt, the revocations) —
/// and made deterministic (<see cref="PdfFlow.Deterministic"/>): the same mandate gives the same bytes at every issue,
/// whatever changed in the file since.
/// </summary>
public static class MandatePdf
{
    /// <summary>A fixed colour, not the département's current theme: a re-issued mandate must not change with the settings.</summary>
    private const string Accent = "#1f4e79";

    public static string VerificationUrl(MandateDocument document, string code) => $"{document.VerificationAddress}?code={code}";

    /// <summary>The fingerprint as printed: eight groups of eight characters.</summary>
    public static string PrintedFingerprint(string fingerprint) => string.Join(' ', fingerprint.Chunk(8).Select(c => new string(c)));

    public static string Name(MandateDocumentPerson p) =>
        p.UsageName is { Length: > 0 } usage ? $"{usage} {p.FirstNames} (nom de naissance : {p.BirthName})" : $"{p.BirthName} {p.FirstNames}";

    public static byte[] Mandate(Mandate mandate)
    {
        var document = MandateTemplate.Read(mandate.Document);
        var code = Domain.Mandates.Mandate.FormatCode(mandate.Code);
        var pdf = new PdfFlow(MandateTemplate.Title, $"Mandat {code} — modèle {mandate.TemplateVersion}", Accent)
            .Deterministic(mandate.CreatedAt, mandate.Fingerprint[..32]);
        Copy(pdf, document, mandate, MandateTemplate.PersonCopy);
        pdf.PageBreak();
        Copy(pdf, document, mandate, MandateTemplate.ServiceCopy);
        return pdf.ToBytes();
    }

    private static void Copy(PdfFlow pdf, MandateDocument d, Mandate mandate, string copy)
    {
        pdf.Paragraph(copy.ToUpperInvariant(), bold: true, size: 12);
        pdf.Title(MandateTemplate.Title, 18);
        pdf.Note($"{d.Departement} — service social départemental, circonscription {d.Circonscription}. Mandat préparé le {ParisTime.Day(d.PreparedOn)}, modèle {d.TemplateVersion}.");
        pdf.Paragraph(MandateTemplate.Introduction);

        pdf.Heading("La personne qui donne mandat (le mandant)");
        pdf.Field("Nom et prénoms", Name(d.Mandant));
        pdf.Field("Date de naissance", ParisTime.Day(d.Mandant.BirthDate));
        pdf.Field("Mesure de protection", d.Protection);
        if (d.Representative is { Length: > 0 } representative) pdf.Field("Représentant légal", representative);
        pdf.Field("Signe pour la personne", d.Signer);

        pdf.Heading("Le service et les professionnels mandatés");
        pdf.Field("Structure", $"{d.Departement}, service social départemental — circonscription {d.Circonscription}");
        pdf.Field("Professionnels nommés", string.Join(", ", d.Mandataires));

        pdf.Heading("Les démarches autorisées");
        foreach (var a in d.Authorisations)
        {
            pdf.Subheading(a.Label, keepWithLines: 2);
            pdf.Field("Organismes", string.Join(", ", a.Organisations));
            pdf.Note($"Par exemple : {a.Examples}.");
        }

        pdf.Heading("Les données que les professionnels peuvent utiliser");
        pdf.Paragraph(string.Join(", ", d.DataKinds) + ". Aucune autre donnée, et jamais les identifiants, mots de passe ou codes de la personne.");

        pdf.Heading("Durée du mandat");
        pdf.Paragraph(d.OneDay
            ? $"Mandat d'un jour : le {ParisTime.LongDate(d.StartsOn)} seulement."
            : $"Du {ParisTime.LongDate(d.StartsOn)} au {ParisTime.LongDate(d.EndsOn)} inclus.");

        pdf.Heading("Engagements du service");
        foreach (var commitment in d.Commitments) pdf.Bullet(commitment);

        pdf.Heading("Signatures");
        pdf.Paragraph("Fait en deux exemplaires, le ____ / ____ / ________ à ______________________");
        pdf.SignatureBoxes([$"{d.Signer} (« bon pour mandat »)", "Le professionnel mandaté"]);

        pdf.Heading("Vérifier ce mandat");
        pdf.QrCode(VerificationUrl(d, mandate.Code), 92,
            ["Code du mandat :", Domain.Mandates.Mandate.FormatCode(mandate.Code), "Empreinte (SHA-256) :", PrintedFingerprint(mandate.Fingerprint)]);
        pdf.Note(MandateTemplate.Verification);
    }

    /// <summary>« d'un jour, le 05/12/2026 » or « du 05/12/2026 au 05/06/2027 ».</summary>
    private static string Period(bool oneDay, DateOnly startsOn, DateOnly endsOn) =>
        oneDay ? $"d'un jour, le {ParisTime.Day(startsOn)}" : $"du {ParisTime.Day(startsOn)} au {ParisTime.Day(endsOn)}";

    /// <summary>A mandate of the person, its state today and the procedures done under it.</summary>
    public sealed record ProceduresSection(Mandate Mandate, Mandates.State State, IReadOnlyList<Mandates.ActionLine> Actions);

    /// <summary>« Démarches faites en votre nom »: what the named workers did under each of the person's mandates.</summary>
    public static byte[] Procedures(string departement, MandateDocumentPerson person, DateOnly issuedOn, IReadOnlyList<ProceduresSection> sections)
    {
        var pdf = new PdfFlow("Démarches faites en votre nom", $"Démarches faites en votre nom — liste du {ParisTime.Day(issuedOn)}", Accent);
        pdf.Title("Démarches faites en votre nom");
        pdf.Note($"{departement} — service social départemental. Liste établie le {ParisTime.LongDate(issuedOn)}.");
        pdf.Field("Mandant", Name(person));
        pdf.Field("Né(e) le", ParisTime.Day(person.BirthDate));
        pdf.Paragraph("Cette liste reprend chaque démarche en ligne que les professionnels du service ont faite à votre place, sous les mandats "
                      + "que vous leur avez donnés : la date, le domaine, l'organisme, la démarche et son résultat. Elle ne contient jamais "
                      + "vos identifiants ni vos mots de passe, que le service ne conserve pas.");
        if (sections.Count == 0) pdf.Paragraph("Vous n'avez donné aucun mandat au service : aucune démarche n'a été faite en votre nom.", bold: true);
        foreach (var section in sections)
        {
            var m = section.Mandate;
            pdf.Heading($"Mandat {Period(m.IsOneDay, m.StartsOn, m.EndsOn)}");
            pdf.Field("Code du mandat", Domain.Mandates.Mandate.FormatCode(m.Code));
            pdf.Field("État aujourd'hui", Mandates.Label(section.State) + (m.RevokedOn is { } r ? $" le {ParisTime.Day(r)}" : ""));
            pdf.Field("Domaines autorisés", MandateLabels.Domains(m.Authorisations.OrderBy(a => a.Domain).Select(a => new Mandates.DomainLine(a.Domain, a.RevokedOn))));
            if (section.Actions.Count == 0) pdf.Paragraph("Aucune démarche n'a été faite sous ce mandat.");
            else
                pdf.Table(["Date", "Domaine", "Organisme", "Démarche", "Résultat", "Faite par"], [0.13, 0.17, 0.16, 0.21, 0.15, 0.18],
                    section.Actions.Select(a => (IReadOnlyList<string>)[ParisTime.Day(a.DoneOn), a.Domain.Label(), a.Organisation.Label(),
                        a.Procedure.Label(), a.Outcome.Label(), a.Worker]));
        }
        pdf.Heading("Vos droits");
        pdf.Paragraph("Vous pouvez révoquer un mandat, ou une partie d'un mandat, à tout moment : au service, auprès de votre travailleur social "
                      + "ou de l'accueil. Vous pouvez aussi demander à tout moment une nouvelle liste des démarches faites en votre nom.");
        return pdf.ToBytes();
    }

    /// <summary>« Accusé de révocation »: what was revoked and when, to hand to the person.</summary>
    public static byte[] Receipt(Mandate mandate)
    {
        var d = MandateTemplate.Read(mandate.Document);
        var code = Domain.Mandates.Mandate.FormatCode(mandate.Code);
        var revokedAuthorisations = mandate.Authorisations.Where(a => a.RevokedOn is not null).OrderBy(a => a.RevokedOn).ThenBy(a => a.Domain).ToList();
        var last = new[] { mandate.RevokedOn }.Concat(revokedAuthorisations.Select(a => a.RevokedOn)).Where(x => x is not null).Max()!.Value;
        var pdf = new PdfFlow("Accusé de révocation", $"Accusé de révocation du mandat {code}", Accent)
            .Deterministic(ParisTime.StartOfDayUtc(last), mandate.Fingerprint[32..]);
        pdf.Title("Accusé de révocation d'un mandat");
        pdf.Note($"{d.Departement} — service social départemental, circonscription {d.Circonscription}.");
        pdf.Paragraph("Ce document confirme que votre décision de révoquer le mandat, ou une partie du mandat, a été enregistrée. "
                      + "Conservez-le avec votre exemplaire du mandat.");
        pdf.Field("Mandant", Name(d.Mandant));
        pdf.Field("Né(e) le", ParisTime.Day(d.Mandant.BirthDate));
        pdf.Field("Code du mandat", code);
        pdf.Field("Mandat", Period(d.OneDay, d.StartsOn, d.EndsOn));

        pdf.Heading("Ce qui est révoqué");
        if (mandate.RevokedOn is { } whole)
        {
            pdf.Paragraph($"Le mandat entier est révoqué depuis le {ParisTime.LongDate(whole)}"
                          + (mandate.RevocationReason is { } reason ? $" ({reason.Label().ToLowerInvariant()})." : "."), bold: true);
            pdf.Paragraph("Plus aucune démarche ne peut être faite en votre nom sous ce mandat.");
        }
        foreach (var a in revokedAuthorisations)
            pdf.Bullet($"Autorisation « {a.Domain.Label()} » révoquée le {ParisTime.LongDate(a.RevokedOn!.Value)}"
                       + (a.RevocationReason is { } r ? $" ({r.Label().ToLowerInvariant()})." : "."));
        if (mandate.RevokedOn is null)
        {
            var remaining = mandate.Authorisations.Where(a => a.RevokedOn is null).OrderBy(a => a.Domain).ToList();
            pdf.Heading("Ce qui reste autorisé");
            if (remaining.Count == 0) pdf.Paragraph("Plus aucune autorisation : aucune démarche ne peut être faite en votre nom sous ce mandat.");
            foreach (var a in remaining) pdf.Bullet(a.Domain.Label());
        }
        pdf.Heading("Ce que cela change");
        pdf.Paragraph("À partir de la date de révocation, les professionnels mandatés ne peuvent plus faire de démarche en votre nom dans ce qui est révoqué. "
                      + "Les démarches déjà faites restent enregistrées. Vous pouvez donner un nouveau mandat quand vous le souhaitez.");
        return pdf.ToBytes();
    }
}
