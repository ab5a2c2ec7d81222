using Discret.Catalogue;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Discret.Web.Features.Courriers;
using Discret.Web.Features.Garde;
using Discret.Web.Features.InformationDesPersonnes;
using Discret.Web.Features.Journal;
using Discret.Web.Shared;
using Discret.Web.Shared.Pdf;

namespace Discret.Web.Features.Droits;

/// <summary>
/// The access export as the person reads it: a first page saying what the document is, for whom, on which request, what it
/// holds (each part and how many items) and how to contest or have something corrected; then her story in six parts — who she
/// is, her household, her follow-ups and what was decided, who was told what, her requests, who consulted her file. Every
/// value in plain French from the catalogue and the closed lists' labels (<see cref="AccessExport.Field.Text"/>): no code, no
/// id, no search key; the JSON file keeps the machine form. Rows are laid out from the catalogue, so a field added to it
/// prints by itself; an entity this layout does not know prints in a last part, never lost.
/// </summary>
public static class AccessExportPdf
{
    private enum Part { Identity, Household, FollowUps, Online, Told, Requests, Readers, Other }

    private static readonly IReadOnlyDictionary<Part, string> Titles = new Dictionary<Part, string>
    {
        [Part.Identity] = "Qui vous êtes",
        [Part.Household] = "Votre ménage",
        [Part.FollowUps] = "Vos accompagnements et ce qui a été décidé",
        [Part.Online] = "Vos démarches en ligne : aides, mandats et démarches faites en votre nom",
        [Part.Told] = "Qui a été informé de quoi",
        [Part.Requests] = "Vos demandes et la conservation de votre dossier",
        [Part.Readers] = "Qui a consulté votre dossier",
        [Part.Other] = "Autres informations",
    };

    /// <summary>
    /// How an entity's rows print: their part, their name when counted (one, many), the line that heads each row, the
    /// properties that line already says, and — for a row that belongs to another (a correction to its interview) — the
    /// entity it prints under and the property naming it.
    /// </summary>
    private sealed record Layout(Part Part, string One, string Many, Func<AccessExport.Item, string>? Headline = null, string[]? Said = null,
        string? Parent = null, string? ParentProperty = null);

    private static string T(AccessExport.Item item, string property) => item[property]?.Text ?? "—";

    private static readonly IReadOnlyDictionary<string, Layout> Layouts = new Dictionary<string, Layout>
    {
        [nameof(Person)] = new(Part.Identity, "fiche d'identité", "fiches d'identité"),
        [nameof(PersonNameWord)] = new(Part.Identity, "mot de recherche", "mots de recherche"),
        [nameof(Household)] = new(Part.Household, "adresse", "adresses"),
        [nameof(FollowUp)] = new(Part.FollowUps, "accompagnement", "accompagnements",
            i => $"Accompagnement ouvert le {T(i, nameof(FollowUp.OpenedOn))}" + (i[nameof(FollowUp.ClosedOn)]?.Text is { } closed ? $", clos le {closed}" : ""),
            [nameof(FollowUp.OpenedOn), nameof(FollowUp.ClosedOn)]),
        [nameof(FollowUpMember)] = new(Part.FollowUps, "co-intervenant", "co-intervenants",
            Parent: nameof(FollowUp), ParentProperty: nameof(FollowUpMember.FollowUpId)),
        [nameof(Interview)] = new(Part.FollowUps, "entretien", "entretiens",
            i => $"Entretien du {T(i, nameof(Interview.OccurredOn))} — {T(i, nameof(Interview.Kind))}", [nameof(Interview.OccurredOn), nameof(Interview.Kind)]),
        [nameof(InterviewRevision)] = new(Part.FollowUps, "synthèse corrigée", "synthèses corrigées",
            i => $"Synthèse corrigée le {T(i, nameof(InterviewRevision.CorrectedAt))}", [nameof(InterviewRevision.CorrectedAt)],
            nameof(Interview), nameof(InterviewRevision.InterviewId)),
        [nameof(InterviewAddendum)] = new(Part.FollowUps, "complément", "compléments",
            i => $"Complément du {T(i, nameof(InterviewAddendum.WrittenAt))}", [nameof(InterviewAddendum.WrittenAt)],
            nameof(Interview), nameof(InterviewAddendum.InterviewId)),
        [nameof(WorkingNote)] = new(Part.FollowUps, "note de travail", "notes de travail",
            i => $"Note du {T(i, nameof(WorkingNote.CreatedAt))}", [nameof(WorkingNote.CreatedAt)]),
        [nameof(Domain.Tasks.WorkTask)] = new(Part.FollowUps, "tâche", "tâches",
            i => $"Tâche créée le {T(i, nameof(Domain.Tasks.WorkTask.CreatedAt))}", [nameof(Domain.Tasks.WorkTask.CreatedAt)]),
        [nameof(Domain.Agenda.Appointment)] = new(Part.FollowUps, "rendez-vous", "rendez-vous",
            i => $"Rendez-vous du {T(i, nameof(Domain.Agenda.Appointment.StartsAt))} — {T(i, nameof(Domain.Agenda.Appointment.Status)).ToLowerInvariant()}",
            [nameof(Domain.Agenda.Appointment.StartsAt), nameof(Domain.Agenda.Appointment.Status)]),
        [nameof(Domain.Agenda.AppointmentWorker)] = new(Part.FollowUps, "professionnel présent à un rendez-vous", "professionnels présents aux rendez-vous",
            Parent: nameof(Domain.Agenda.Appointment), ParentProperty: nameof(Domain.Agenda.AppointmentWorker.AppointmentId)),
        // Online procedures (issue 19)
        [nameof(Domain.Mandates.DigitalHelp)] = new(Part.Online, "aide numérique", "aides numériques",
            i => $"Aide numérique du {T(i, nameof(Domain.Mandates.DigitalHelp.OccurredOn))} — {T(i, nameof(Domain.Mandates.DigitalHelp.Level))}",
            [nameof(Domain.Mandates.DigitalHelp.OccurredOn), nameof(Domain.Mandates.DigitalHelp.Level)]),
        [nameof(Domain.Mandates.Mandate)] = new(Part.Online, "mandat", "mandats",
            i => $"Mandat du {T(i, nameof(Domain.Mandates.Mandate.StartsOn))} au {T(i, nameof(Domain.Mandates.Mandate.EndsOn))}"
                 + (i[nameof(Domain.Mandates.Mandate.RevokedOn)]?.Text is { } revoked ? $", révoqué le {revoked}" : ""),
            [nameof(Domain.Mandates.Mandate.StartsOn), nameof(Domain.Mandates.Mandate.EndsOn)]),
        [nameof(Domain.Mandates.MandateAuthorisation)] = new(Part.Online, "autorisation d'un mandat", "autorisations des mandats",
            i => $"Autorisation : {T(i, nameof(Domain.Mandates.MandateAuthorisation.Domain))}", [nameof(Domain.Mandates.MandateAuthorisation.Domain)],
            nameof(Domain.Mandates.Mandate), nameof(Domain.Mandates.MandateAuthorisation.MandateId)),
        [nameof(Domain.Mandates.MandateAction)] = new(Part.Online, "démarche faite en votre nom", "démarches faites en votre nom",
            i => $"Démarche du {T(i, nameof(Domain.Mandates.MandateAction.DoneOn))} — {T(i, nameof(Domain.Mandates.MandateAction.Procedure))}",
            [nameof(Domain.Mandates.MandateAction.DoneOn), nameof(Domain.Mandates.MandateAction.Procedure)],
            nameof(Domain.Mandates.Mandate), nameof(Domain.Mandates.MandateAction.MandateId)),
        [nameof(InformationRecord)] = new(Part.Told, "information qui vous a été donnée", "informations qui vous ont été données",
            i => $"Information du {T(i, nameof(InformationRecord.InformedOn))}", [nameof(InformationRecord.InformedOn)]),
        [nameof(FactDisclosure)] = new(Part.Told, "information venant d'autres personnes portée à votre connaissance", "informations venant d'autres personnes portées à votre connaissance",
            i => $"Porté à votre connaissance le {T(i, nameof(FactDisclosure.InformedOn))}", [nameof(FactDisclosure.InformedOn)]),
        [nameof(SharingConsent)] = new(Part.Told, "accord de partage", "accords de partage",
            i => $"Accord du {T(i, nameof(SharingConsent.GivenOn))} pour {T(i, nameof(SharingConsent.PartnerName))}",
            [nameof(SharingConsent.GivenOn), nameof(SharingConsent.PartnerName)]),
        [nameof(Sharing)] = new(Part.Told, "partage fait", "partages faits",
            i => $"Partage du {T(i, nameof(Sharing.SharedAt))}", [nameof(Sharing.SharedAt)], nameof(SharingConsent), nameof(Sharing.ConsentId)),
        [nameof(Domain.Letters.Letter)] = new(Part.Told, "courrier", "courriers",
            i => $"Courrier du {T(i, nameof(Domain.Letters.Letter.ProducedAt))}", [nameof(Domain.Letters.Letter.ProducedAt)]),
        [nameof(Notification)] = new(Part.Told, "avertissement à un professionnel", "avertissements à des professionnels",
            i => $"Avertissement du {T(i, nameof(Notification.CreatedAt))}", [nameof(Notification.CreatedAt)]),
        [nameof(RightsRequest)] = new(Part.Requests, "demande d'exercice de vos droits", "demandes d'exercice de vos droits",
            i => $"Demande reçue le {T(i, nameof(RightsRequest.ReceivedOn))} — {T(i, nameof(RightsRequest.Kind))}",
            [nameof(RightsRequest.ReceivedOn), nameof(RightsRequest.Kind)]),
        [nameof(RectifiedValue)] = new(Part.Requests, "valeur remplacée", "valeurs remplacées",
            i => $"Valeur remplacée : {T(i, nameof(RectifiedValue.Field))}", [nameof(RectifiedValue.Field)], nameof(RightsRequest), nameof(RectifiedValue.RightsRequestId)),
        [nameof(Domain.Retention.LegalHold)] = new(Part.Requests, "gel de la suppression", "gels de la suppression",
            i => $"Gel du {T(i, nameof(Domain.Retention.LegalHold.From))} au {T(i, nameof(Domain.Retention.LegalHold.Until))}",
            [nameof(Domain.Retention.LegalHold.From), nameof(Domain.Retention.LegalHold.Until)]),
        [nameof(BreakGlassAccess)] = new(Part.Readers, "accès exceptionnel", "accès exceptionnels",
            i => $"Accès exceptionnel du {T(i, nameof(BreakGlassAccess.StartedAt))}", [nameof(BreakGlassAccess.StartedAt)]),
        [nameof(JournalEntry)] = new(Part.Readers, "consultation ou modification", "consultations et modifications"),
    };

    /// <summary>Search forms of the names (normalised keys, phonetic keys): in the JSON file; the PDF says in a sentence what they are.</summary>
    private static readonly HashSet<string> SearchForms =
        [nameof(Person.BirthNameKey), nameof(Person.UsageNameKey), nameof(Person.BirthNameSound), nameof(Person.UsageNameSound), nameof(Person.FirstNamesKey)];

    private static Layout LayoutOf(AccessExport.Section section) =>
        Layouts.GetValueOrDefault(section.Entity) ?? new Layout(Part.Other, "élément", "éléments");

    private static string Count(int n, Layout layout) => $"{n} {(n == 1 ? layout.One : layout.Many)}";

    public static void Write(AccessExport.Document document, string accentHex, Stream output)
    {
        var pdf = new PdfFlow("Copie de vos données personnelles", $"{document.Departement} — copie de vos données (article 15 du RGPD)", accentHex);
        var parts = document.Sections.GroupBy(s => LayoutOf(s).Part).OrderBy(g => g.Key).ToList();
        Summary(pdf, document, parts);
        pdf.PageBreak();
        var number = 0;
        foreach (var part in parts)
        {
            if (number > 0) pdf.Space(14);
            pdf.Title($"{++number}. {Titles[part.Key]}", size: 16);
            if (part.Key == Part.Household) Household(pdf, document);
            if (part.Key == Part.Readers)
                pdf.Paragraph(AccessExport.StaffStatement + " La circonscription indiquée est celle où le professionnel travaille à la date de ce document.", size: 9);
            foreach (var section in part.Where(s => LayoutOf(s).Parent is null)) Section(pdf, document, section);
        }
        pdf.Save(output);
    }

    /// <summary>The first page: what this document is, for whom and on which request, what it holds, how to contest.</summary>
    private static void Summary(PdfFlow pdf, AccessExport.Document document, IReadOnlyList<IGrouping<Part, AccessExport.Section>> parts)
    {
        pdf.Title("Copie de vos données personnelles")
            .Paragraph($"{document.Departement} — service social départemental", bold: true)
            .Paragraph("Vous avez demandé à connaître les informations que le service social garde sur vous (droit d'accès, article 15 du "
                       + "règlement général sur la protection des données). Ce document en est la copie complète : tout ce que le logiciel "
                       + "du service, Discret, conserve sur vous, classé comme votre histoire avec le service se lit.")
            .Field("Personne concernée", document.PersonName)
            .Field("Votre demande", document.Request is { } r
                ? $"Reçue le {ParisTime.LongDate(r.ReceivedOn)} ({r.Channel.Label().ToLowerInvariant()}), n° {LetterProduction.RequestNumber(document.RequestId)} ; "
                  + $"votre identité a été vérifiée : {r.IdentityCheck.Label().ToLowerInvariant()}."
                : $"N° {LetterProduction.RequestNumber(document.RequestId)}")
            .Field("Document établi le", ParisTime.LongDayAtTime(document.GeneratedAt))
            .Field("Préparé par", "Le délégué à la protection des données du Département");

        pdf.Heading("Ce que contient ce document");
        var number = 0;
        foreach (var part in parts)
            pdf.Paragraph($"{++number}. {Titles[part.Key]} : " + string.Join(", ", part.Select(s => Count(s.Items.Count, LayoutOf(s)))) + ".");
        pdf.Note("Une information que quelqu'un d'autre que vous a signalée est marquée « " + AccessExport.ThirdPartyMark + " » ; une information "
                 + "transmise par un partenaire est marquée comme telle. Les professionnels sont désignés par leur profession, pas par leur nom. "
                 + "Le fichier joint (format JSON) contient les mêmes informations sous une forme lisible par un ordinateur, avec leurs références techniques.");

        pdf.Heading("Pour contester ou faire corriger");
        var dpo = document.DpoContact.Length > 0 ? document.DpoContact : "le délégué à la protection des données du Département";
        pdf.Bullet("Si une information est fausse ou incomplète, vous pouvez demander qu'elle soit corrigée ou complétée (droit de rectification). "
                   + "Vous pouvez aussi demander qu'une information soit effacée, qu'elle ne soit plus utilisée pendant une vérification, ou vous opposer à son utilisation.")
            .Bullet($"Pour cela, ou si une consultation de votre dossier vous paraît injustifiée, demandez à l'accueil de votre circonscription ou écrivez au délégué à la protection des données : {dpo}. "
                    + "Nous répondons dans un délai d'un mois.")
            .Bullet($"Si vous n'êtes pas satisfait de notre réponse, vous pouvez vous plaindre à la CNIL : {NoticeContent.CnilContact}.");
    }

    private static void Household(PdfFlow pdf, AccessExport.Document document)
    {
        var others = document.Household ?? [];
        pdf.Paragraph(others.Count == 0
            ? "Vous êtes seul dans votre ménage."
            : $"Votre ménage compte {others.Count + 1} personnes : vous et "
              + string.Join(", ", others.Select(l => $"un membre ({l.Label().ToLowerInvariant()})")) + ". Les autres membres ne sont pas nommés dans ce document : "
              + "leurs informations leur appartiennent.");
    }

    private static void Section(PdfFlow pdf, AccessExport.Document document, AccessExport.Section section)
    {
        var layout = LayoutOf(section);
        pdf.Heading($"{section.Title} ({section.Items.Count})");
        if (section.Introduction is { } intro && intro != AccessExport.StaffStatement) pdf.Note(intro);
        switch (section.Entity)
        {
            case nameof(PersonNameWord):
                pdf.Paragraph("Vos noms et prénoms, écrits sans accent ni majuscule : "
                              + string.Join(", ", section.Items.Select(i => T(i, nameof(PersonNameWord.Word)))) + ". "
                              + "Discret garde aussi, pour chacun, une clé de prononciation, qui sert à vous retrouver même quand un nom est mal orthographié (dans le fichier joint).");
                return;
            case nameof(JournalEntry):
                foreach (var item in section.Items) pdf.Bullet(JournalSentence(item, document));
                return;
        }
        var children = document.Sections.Where(s => LayoutOf(s).Parent == section.Entity).ToList();
        foreach (var item in section.Items)
        {
            Item(pdf, document, item, layout);
            foreach (var child in children)
            {
                var childLayout = LayoutOf(child);
                foreach (var under in child.Items.Where(c => item.Id is { } id && Equals(c[childLayout.ParentProperty!]?.Raw, id)))
                    Item(pdf, document, under, childLayout);
            }
        }
        // Rows whose parent is not in the export (cannot happen today): printed all the same.
        foreach (var child in children)
        {
            var childLayout = LayoutOf(child);
            var ids = section.Items.Select(i => i.Id).ToHashSet();
            foreach (var orphan in child.Items.Where(c => !ids.Contains(c[childLayout.ParentProperty!]?.Raw as Guid?)))
                Item(pdf, document, orphan, childLayout with { Said = [] });
        }
    }

    private static void Item(PdfFlow pdf, AccessExport.Document document, AccessExport.Item item, Layout layout)
    {
        if (layout.Headline is { } headline) pdf.Subheading(headline(item), keepWithLines: 3);
        if (item.Mark is { } mark) pdf.Paragraph(mark, bold: true);
        foreach (var field in item.Fields)
        {
            if (field.Text is null || Equals(field.Raw, document.PersonId) || SearchForms.Contains(field.Property)) continue;
            if (layout.Said?.Contains(field.Property) == true || field.Property == layout.ParentProperty) continue;
            pdf.Field(ShortLabel(field.Label), field.Text);
        }
        pdf.Space(4);
    }

    /// <summary>A catalogue label without its parenthesis (« Synthèse partagée de l'entretien (1 000 caractères au plus) »): what the field is, not its rules.</summary>
    internal static string ShortLabel(string label) => label.IndexOf(" (", StringComparison.Ordinal) is > 0 and var cut ? label[..cut] : label;

    /// <summary>
    /// One entry of the journal as a sentence: when (Paris), who (profession, and the circonscription of the account), what
    /// (the parts of the file, never their content), why when there is a reason.
    /// </summary>
    private static string JournalSentence(AccessExport.Item item, AccessExport.Document document)
    {
        var at = item[nameof(JournalEntry.At)]?.Raw is DateTime t ? ParisTime.LongDayAtTime(t) : "—";
        var role = item[nameof(JournalEntry.Role)]?.Raw as StaffRole?;
        var service = item[nameof(JournalEntry.AccountId)]?.Raw is Guid account && document.Services?.GetValueOrDefault(account) is { } name ? $", circonscription {name}" : "";
        var who = role is { } r ? $"un professionnel ({r.Label().ToLowerInvariant()}{service})" : "le logiciel (traitement automatique)";
        var detail = item[nameof(JournalEntry.Detail)]?.Raw as string;
        var reference = item[nameof(JournalEntry.Reference)]?.Raw is Guid id ? document.References?.GetValueOrDefault(id) : null;
        var action = item[nameof(JournalEntry.Action)]?.Raw is JournalAction a ? a : (JournalAction?)null;
        var what = action switch
        {
            JournalAction.Lecture => $"a consulté : {JournalLabels.Detail(detail).ToLowerInvariant()}",
            JournalAction.Ecriture => $"a modifié votre dossier : {Lower(item[nameof(JournalEntry.Detail)]?.Text)}",
            JournalAction.AvertissementConfirme => Warning(detail),
            JournalAction.Partage => $"a transmis à un partenaire, avec votre accord : {Categories(detail)}",
            JournalAction.PartageRefuse => "a voulu transmettre des informations à un partenaire ; le partage a été refusé, faute d'un accord de votre part qui le couvre",
            JournalAction.DemarcheRefusee => "a voulu faire une démarche en ligne à votre place ; elle a été refusée, faute d'un mandat de votre part en vigueur qui la couvre",
            JournalAction.AccesExceptionnel => "a ouvert votre dossier par un accès exceptionnel",
            JournalAction.AccesExceptionnelRefuse => "a demandé un accès exceptionnel à votre dossier ; il a été refusé",
            JournalAction.AccesRefuse => "a tenté d'ouvrir votre dossier sans en avoir le droit ; l'accès a été refusé",
            JournalAction.ConsultationJournal => "a consulté la liste des consultations de votre dossier",
            JournalAction.Export when reference is not null => $"a produit un document à partir de votre dossier, pour : {Lower(reference)}",
            { } other => $"{Lower(other.Label())}" + (detail is { Length: > 0 } ? $" : {Lower(item[nameof(JournalEntry.Detail)]?.Text)}" : ""),
            null => "a agi sur votre dossier",
        };
        var purpose = item[nameof(JournalEntry.Purpose)]?.Raw is string { Length: > 0 } p ? $" (motif : {Lower(JournalLabels.Purpose(p))})" : "";
        return $"Le {at}, {who} {what}{purpose}.";
    }

    /// <summary>« Summary:Judgement » — a text saved after the sobriety guard warned: the field by its catalogue label, the kinds of warning by theirs.</summary>
    private static string Warning(string? detail)
    {
        var colon = detail?.IndexOf(':') ?? -1;
        var field = colon > 0 ? detail![..colon] : "";
        var kinds = colon > 0
            ? detail![(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(k => Enum.TryParse<FindingCategory>(k, out var c) && !int.TryParse(k, out _) ? c.Label() : "autre").ToList()
            : [];
        var labels = DataCatalogue.Fields.Where(f => f.Property == field || f.Property.EndsWith("." + field, StringComparison.Ordinal)).Select(f => ShortLabel(f.Label)).Distinct().ToList();
        var what = labels.Count == 1 ? Lower(labels[0]) : "un texte";
        return $"a enregistré un texte malgré un avertissement de la garde des textes ({string.Join(", ", kinds)}) : {what}";
    }

    /// <summary>The categories of data a sharing sent (« Identite,Logement »), by their labels.</summary>
    private static string Categories(string? detail) =>
        string.Join(", ", (detail ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => Enum.TryParse<DataCategory>(c, out var category) && !int.TryParse(c, out _) ? category.Label().ToLowerInvariant() : "autres informations"));

    private static string Lower(string? text) => string.IsNullOrEmpty(text) ? "—" : char.ToLowerInvariant(text[0]) + text[1..];
}
