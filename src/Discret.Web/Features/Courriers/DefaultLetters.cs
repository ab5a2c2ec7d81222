using Discret.Domain.Letters;

namespace Discret.Web.Features.Courriers;

/// <summary>The wording of each template at first start (version 1), in plain French; the administrator adapts it.</summary>
public static class DefaultLetters
{
    public sealed record Default(LetterKind Kind, string Title, string Body);

    public static readonly IReadOnlyList<Default> All =
    [
        new(LetterKind.Convocation, "Votre rendez-vous avec le service social",
            """
            {{personne.nom}}
            {{personne.adresse}}

            Le {{date.jour}}

            Madame, Monsieur,

            Nous vous proposons un rendez-vous le {{rendezvous.date}} à {{rendezvous.heure}}, {{rendezvous.lieu}}. Vous serez reçu(e) par {{rendezvous.professionnel}}.

            Si vous ne pouvez pas venir, merci de nous prévenir pour fixer un autre rendez-vous.

            {{professionnel.nom}}, {{professionnel.profession}}
            {{circonscription.nom}}
            """),
        new(LetterKind.AccuseReceptionDemande, "Nous avons bien reçu votre demande",
            """
            {{personne.nom}}
            {{personne.adresse}}

            Le {{date.jour}}

            Madame, Monsieur,

            Nous avons bien reçu le {{demande.date}} votre demande ({{demande.droit}}). Elle est enregistrée sous le numéro {{demande.numero}}.

            Nous vous répondrons au plus tard le {{demande.echeance}}. Si nous avons besoin de plus de temps, nous vous écrirons avant cette date pour vous dire pourquoi.

            Vous pouvez aussi vous adresser au délégué à la protection des données du Département, ou à la CNIL.

            {{professionnel.nom}}, {{professionnel.profession}}
            {{circonscription.nom}}
            """),
        new(LetterKind.ReponseDemandeAcces, "Réponse à votre demande d'accès à vos données",
            """
            {{personne.nom}}
            {{personne.adresse}}

            Le {{date.jour}}

            Madame, Monsieur,

            Vous nous avez demandé le {{demande.date}} (demande n° {{demande.numero}}) de connaître les informations que le service social garde sur vous.

            Vous trouverez avec ce courrier l'ensemble de ces informations, la raison pour laquelle nous les gardons, qui peut les voir et combien de temps elles sont conservées.

            Si une information vous semble fausse, vous pouvez demander qu'elle soit corrigée.

            {{professionnel.nom}}, {{professionnel.profession}}
            {{circonscription.nom}}
            """),
        new(LetterKind.CourrierPartenaire, "Transmission d'informations avec l'accord de la personne",
            """
            À l'attention de {{partenaire.nom}}

            Le {{date.jour}}

            Madame, Monsieur,

            Avec l'accord de {{personne.nom}}, nous vous transmettons les informations utiles pour : {{partage.objet}}.

            Ces informations ne servent qu'à cela. Merci de ne pas les transmettre à d'autres personnes.

            {{professionnel.nom}}, {{professionnel.profession}}
            {{circonscription.nom}}
            """),
        new(LetterKind.ConfirmationRefusInformatisation, "Votre dossier est suivi sur papier",
            """
            {{personne.nom}}

            Le {{date.jour}}

            Madame, Monsieur,

            Le {{refus.date}}, vous avez refusé que votre dossier soit tenu dans notre logiciel. Nous avons respecté votre choix.

            Votre accompagnement continue : votre dossier est désormais tenu sur papier. Dans le logiciel, nous gardons seulement votre nom, votre circonscription, votre référent et vos rendez-vous, pour pouvoir vous recevoir.

            Vous pouvez changer d'avis à tout moment : il suffit de nous le dire.

            {{professionnel.nom}}, {{professionnel.profession}}
            {{circonscription.nom}}
            """),
    ];
}
