using Discret.Catalogue;
using Discret.Domain.Accounts;
using Discret.Domain.Organisation;

namespace Discret.Web.Features.InformationDesPersonnes;

/// <summary>
/// The information notice (GDPR art. 13 and 14), generated from the data catalogue and the département's settings
/// only: nothing here is typed by hand per département, so the notice cannot say something the software does not do.
/// Short sentences, plain words (in the spirit of « facile à lire et à comprendre »).
/// <see cref="OtherReaders"/> are those who read a file outside the grants (break-glass, the DPO, the archives); versions
/// published before it was part of the notice have none.
/// </summary>
public sealed record NoticeContent(
    string Departement, string Controller, string ControllerAddress, string DpoContact,
    IReadOnlyList<NoticeContent.PurposeLine> Purposes,
    IReadOnlyList<NoticeContent.CategoryLine> Categories,
    IReadOnlyList<NoticeContent.RecipientLine> Recipients,
    IReadOnlyList<NoticeContent.RetentionLine> Retention,
    IReadOnlyList<string> Rights,
    IReadOnlyList<string> Commitments,
    IReadOnlyList<string>? OtherReaders = null,
    IReadOnlyList<string>? ShortRetention = null,
    IReadOnlyList<NoticeContent.EasyReadPart>? EasyRead = null,
    IReadOnlyList<string>? Mandates = null)
{
    public sealed record PurposeLine(string Purpose, string LegalBasis);
    public sealed record CategoryLine(string Category, IReadOnlyList<string> Items, IReadOnlyList<string> Sources);
    /// <summary>What a profession reads: <paramref name="InCirconscription"/> for every person of its circonscription,
    /// <paramref name="WhenAccompanying"/> only for the persons it accompanies.</summary>
    public sealed record RecipientLine(string Profession, IReadOnlyList<string> InCirconscription, IReadOnlyList<string> WhenAccompanying)
    {
        public string Describe() => (InCirconscription.Count, WhenAccompanying.Count) switch
        {
            (0, _) => $"{Profession}, s'il vous accompagne : {string.Join(", ", WhenAccompanying).ToLowerInvariant()}.",
            (_, 0) => $"{Profession} de votre circonscription : {string.Join(", ", InCirconscription).ToLowerInvariant()}.",
            _ => $"{Profession} de votre circonscription : {string.Join(", ", InCirconscription).ToLowerInvariant()} ; s'il vous accompagne, aussi : {string.Join(", ", WhenAccompanying).ToLowerInvariant()}.",
        };
    }
    public sealed record RetentionLine(string Rule, IReadOnlyList<string> Categories);
    /// <summary>A part of the easy-to-read version: a question, and short sentences of one idea each.</summary>
    public sealed record EasyReadPart(string Question, IReadOnlyList<string> Sentences);

    public const string Title = "Vos informations au service social";

    public const string CnilContact = "CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07 — www.cnil.fr";

    /// <param name="rulesInForce">The retention rules as applied (<see cref="Conservation.RetentionSettings.AllInForceAsync"/>); the catalogue's by default.</param>
    /// <param name="breakGlass">How long a break-glass access lasts (<see cref="AccesExceptionnel.BreakGlassSettings.Duration"/>).</param>
    public static NoticeContent Build(DepartementSettings settings, IReadOnlyList<RetentionRule>? rulesInForce = null, TimeSpan? breakGlass = null)
    {
        var inForce = (rulesInForce ?? RetentionRule.All).ToDictionary(r => r.Code);
        var fields = DataCatalogue.Fields.Where(f => f.InNotice).ToList();

        var purposes = fields.SelectMany(f => f.Purposes.Select(p => (Purpose: p, f.Basis))).Distinct()
            .GroupBy(x => x.Purpose).OrderBy(g => g.Key)
            .Select(g => new PurposeLine(g.Key.Label(), string.Join(" ; ", g.Key.Bases(g.Select(x => x.Basis)).Select(b => b.Label()))))
            .ToList();

        var categories = fields.GroupBy(f => f.Category).OrderBy(g => g.Key)
            .Select(g => new CategoryLine(g.Key.Label(), g.Select(f => f.Label).Distinct().ToList(),
                g.Select(f => f.ExpectedSource).Distinct().Order().Select(s => s.Label()).ToList()))
            .ToList();

        // Who reads what, from the catalogue's grants: groups of the whole circonscription, and groups read only
        // by those who accompany the person.
        var recipients = Enum.GetValues<StaffRole>()
            .Select(role => (Role: role, Reach: DataCatalogue.ReachOf(role)))
            .Select(r => new RecipientLine(r.Role.Label(),
                r.Reach.InCirconscription.Select(g => g.Label()).ToList(), r.Reach.WhenAccompanying.Select(g => g.Label()).ToList()))
            .Where(r => r.InCirconscription.Count + r.WhenAccompanying.Count > 0)
            .ToList();

        var retention = fields.GroupBy(f => f.Retention.Code)
            .Select(g => new RetentionLine(inForce.GetValueOrDefault(g.Key, g.First().Retention).Describe(), g.Select(f => f.Category.Label()).Distinct().ToList()))
            .ToList();

        return new NoticeContent(settings.Name, settings.ControllerName, settings.PostalAddress, settings.DpoContact,
            purposes, categories, recipients, retention, RightsText, CommitmentsText, OtherReadersText(breakGlass ?? TimeSpan.FromHours(4)),
            ShortRetentionText(fields, inForce), EasyReadText(settings, inForce, breakGlass ?? TimeSpan.FromHours(4)), MandatesText(inForce));
    }

    public const string MandatesHeading = "Les démarches en ligne et les mandats";

    /// <summary>
    /// Online procedures and mandates (issue 19, CNIL kit for social workers R28): what a mandate is, that it is revoked at
    /// any time, that no password is kept, that the person receives the list of procedures done in her name, and how long
    /// it is kept (the rule in force). Versions published before it was part of the notice have none.
    /// </summary>
    private static string[] MandatesText(IReadOnlyDictionary<string, RetentionRule> inForce)
    {
        var mandate = inForce.GetValueOrDefault(RetentionRule.Mandat.Code, RetentionRule.Mandat);
        return
        [
            "Un professionnel peut vous apprendre à faire une démarche en ligne, ou vous accompagner pendant que vous la faites vous-même. Nous notons seulement la date, le thème ou la démarche et son résultat.",
            $"Un mandat est un document que vous signez pour permettre à des professionnels nommés de faire à votre place des démarches en ligne (CAF, impôts, assurance maladie…), domaine par domaine, pour un jour ou pour {Domain.Mandates.Mandate.MaxMonths} mois au plus. Vous en gardez un exemplaire. Vous n'êtes jamais obligé d'en signer un.",
            "Vous pouvez révoquer un mandat à tout moment, en entier ou pour un seul domaine : à l'accueil de votre circonscription ou auprès de votre travailleur social.",
            "Aucun identifiant ni mot de passe n'est jamais gardé : ni sur le mandat, ni dans votre dossier.",
            "Vous recevez la liste des démarches faites en votre nom : elle figure dans la copie de vos données, que vous pouvez demander à tout moment.",
            $"Le mandat et la liste des démarches faites en votre nom sont gardés {RetentionLabels.Duration(mandate.Active)} après la fin du mandat (son dernier jour ou sa révocation), même si votre dossier est supprimé avant, pour pouvoir prouver ce qui a été fait en votre nom. Ils sont ensuite supprimés.",
        ];
    }

    /// <summary>
    /// How long each category of data is kept, in a few words, for the poster: categories kept alike on one line
    /// (« Identité, coordonnées… : 2 ans après le dernier contact »).
    /// </summary>
    private static List<string> ShortRetentionText(IReadOnlyList<CatalogueField> fields, IReadOnlyDictionary<string, RetentionRule> inForce) =>
        fields.GroupBy(f => f.Category).OrderBy(g => g.Key)
            .Select(g => (Category: g.Key, Rules: string.Join(" ; ", g.Select(f => inForce.GetValueOrDefault(f.Retention.Code, f.Retention)).DistinctBy(r => r.Code)
                .GroupBy(r => r.Active).OrderByDescending(d => d.Key)
                .Select(d => $"{RetentionLabels.Duration(d.Key)} après {string.Join(" ou ", d.Select(r => r.Start.ShortLabel()).Distinct())}"))))
            .GroupBy(x => x.Rules)
            .Select(g => string.Join(", ", g.Select((x, i) => i == 0 ? x.Category.Label() : x.Category.Label().ToLowerInvariant())) + " : " + g.Key)
            .ToList();

    /// <summary>
    /// The notice « facile à lire et à comprendre » (FALC): short sentences, one idea each, everyday words, examples; for
    /// the waiting room and for persons who read with difficulty. Its durations and contacts are those in force.
    /// </summary>
    private static List<EasyReadPart> EasyReadText(DepartementSettings settings, IReadOnlyDictionary<string, RetentionRule> inForce, TimeSpan breakGlass)
    {
        var file = inForce.GetValueOrDefault(RetentionRule.DeuxAnsApresDernierContact.Code, RetentionRule.DeuxAnsApresDernierContact);
        var followUp = inForce.GetValueOrDefault(RetentionRule.DeuxAnsApresCloture.Code, RetentionRule.DeuxAnsApresCloture);
        return
        [
            new("Pourquoi nous écrivons sur vous ?",
            [
                "Le service social vous aide.",
                "Pour vous aider, nous écrivons des informations sur vous.",
                "Nous les écrivons dans un ordinateur.",
                $"Le responsable est : {settings.ControllerName}.",
            ]),
            new("Qu'est-ce que nous écrivons ?",
            [
                "Votre nom, votre adresse et votre téléphone.",
                "Les personnes qui vivent avec vous.",
                "Pourquoi vous venez. Par exemple : un problème de logement.",
                "Ce que nous faisons pour vous aider.",
                "Vous pouvez ne pas répondre à une question.",
                "Nous n'écrivons jamais votre numéro de sécurité sociale.",
            ]),
            new("Qui peut lire ?",
            [
                "Seules les personnes qui vous aident peuvent lire.",
                "Par exemple : l'accueil voit votre nom et vos rendez-vous.",
                "Votre travailleur social voit tout votre dossier.",
                $"En cas d'urgence, un autre travailleur social peut lire pendant {RetentionLabels.Duration(breakGlass)}.",
                "L'ordinateur garde le nom de chaque personne qui lit.",
                "Nous ne donnons rien à la CAF sans votre accord.",
                "C'est pareil pour les autres organismes.",
            ]),
            new("Combien de temps ?",
            [
                $"Nous gardons votre dossier {RetentionLabels.Duration(file.Active)} après votre dernier contact avec nous.",
                $"Quand votre aide est finie, nous gardons ce que nous avons fait {RetentionLabels.Duration(followUp.Active)}.",
                "Ensuite, nous effaçons tout.",
            ]),
            new("Vos droits",
            [
                "Vous pouvez lire ce que nous écrivons sur vous.",
                "Vous pouvez faire corriger une erreur.",
                "Vous pouvez demander d'effacer des informations.",
                "Vous pouvez refuser l'ordinateur.",
                "Nous vous aidons quand même, avec un dossier en papier.",
                "Pour tout cela, parlez à l'accueil.",
                $"Vous pouvez aussi écrire à : {settings.DpoContact}.",
                "Vous n'êtes pas d'accord avec notre réponse ? Écrivez à la CNIL.",
                $"L'adresse de la CNIL : {CnilContact}.",
            ]),
        ];
    }

    public const string NoOneElse = "Personne d'autre ne lit votre dossier. Un partenaire ne reçoit une information qu'avec votre accord, pour ce que vous avez accepté.";

    /// <summary>
    /// Who may read a file beyond the grants, each as Discret lets them: break-glass (Features/AccesExceptionnel), the
    /// DPO's access export and spot checks (Features/Droits, Features/Journal), the intermediate archive
    /// (Conservation/ArchiveConsultation) and the transfer to the archives (Conservation/BatchTransfer).
    /// </summary>
    private static string[] OtherReadersText(TimeSpan breakGlass) =>
    [
        $"En cas d'urgence, un autre travailleur social de votre circonscription peut ouvrir votre dossier pendant {RetentionLabels.Duration(breakGlass)} au plus (accès exceptionnel). Il doit écrire pourquoi. Cet accès est enregistré. La personne qui vous accompagne et le délégué à la protection des données sont prévenus.",
        "Le délégué à la protection des données prépare la copie de votre dossier quand vous la demandez. Il contrôle aussi que les consultations étaient justifiées : il voit alors qui a consulté un dossier et quand, pas ce qu'il contient.",
        "Quand votre dossier n'est plus utilisé (archive intermédiaire), seul le délégué à la protection des données peut l'ouvrir : pour un litige, pour votre demande, pour une réclamation ou pour un contrôle de la CNIL. Chaque ouverture est enregistrée.",
        "À la fin de la durée de conservation, votre dossier est détruit, ou remis aux archives départementales si le service des archives le demande. Les archives ne le communiquent pas au public avant 50 ans (code du patrimoine).",
    ];

    private static readonly string[] RightsText =
    [
        "Voir vos informations et en recevoir une copie gratuite, avec la liste des personnes qui ont consulté votre dossier (par métier) et pourquoi (droit d'accès).",
        "Faire corriger ou compléter une information fausse ou incomplète (droit de rectification).",
        "Demander l'effacement de vos informations. Nous pouvons refuser si la loi nous oblige à les garder, par exemple pendant votre accompagnement (droit à l'effacement).",
        "Demander que l'on n'utilise plus vos informations pendant une vérification (droit à la limitation).",
        "Vous opposer à l'utilisation de vos informations pour des raisons qui tiennent à votre situation (droit d'opposition). Le responsable de circonscription vous répond.",
        "Refuser que votre dossier soit informatisé : vous serez toujours reçu et accompagné, sur dossier papier.",
        "Donner ou refuser votre accord avant que nous transmettions une information à un partenaire (CAF, CPAM, CCAS, bailleur, France Travail, hôpital, association…), et le retirer quand vous voulez.",
        "Pour exercer vos droits : demandez à l'accueil de votre circonscription, ou écrivez au délégué à la protection des données. Nous répondons dans un délai d'un mois (trois mois au plus si la demande est complexe ; nous vous prévenons).",
        "Si vous n'êtes pas satisfait de notre réponse, vous pouvez vous plaindre à la CNIL : " + CnilContact + ".",
    ];

    private static readonly string[] CommitmentsText =
    [
        "Vous n'êtes pas obligé de répondre à toutes les questions. Sans certaines informations, nous pourrons moins bien vous aider.",
        "Quand une information vient d'un partenaire ou d'un tiers, nous vous le disons dans le mois. Une information signalée par un tiers est notée comme non vérifiée.",
        "Chaque consultation de votre dossier est enregistrée. Seuls les professionnels qui en ont besoin peuvent le lire.",
        DataCatalogue.CalendarFeedContent,
        "Aucune décision vous concernant n'est prise par un ordinateur seul.",
        "Vos informations ne sont jamais vendues, ni envoyées hors de l'Union européenne.",
        "Votre numéro de sécurité sociale n'est pas enregistré dans votre dossier.",
    ];
}
