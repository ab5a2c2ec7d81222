#!/usr/bin/env python3
"""Generates corpus.tsv: fictional French sentences with the guard's expected findings.
Every NIR, IBAN and card number is computed here to be valid (or, for the tricky clean lines, to be invalid);
none belongs to a real person. Run: python3 make_corpus.py > corpus.tsv"""
import random
rnd = random.Random(20261125)

def nir(sex=None, corsica=None):
    sex = sex or rnd.choice("12")
    yy = f"{rnd.randint(40, 99):02d}"; mm = f"{rnd.randint(1, 12):02d}"
    dep = corsica or f"{rnd.choice([75, 91, 93, 13, 69, 59, 33, 44, 67, 78]):02d}"
    com = f"{rnd.randint(1, 999):03d}"; order = f"{rnd.randint(1, 999):03d}"
    body = sex + yy + mm + dep + com + order
    num = int(body.replace("2A", "19").replace("2B", "18"))
    key = 97 - num % 97
    return body, f"{key:02d}"

def fmt_nir(style, corsica=None):
    b, k = nir(corsica=corsica)
    parts = [b[0], b[1:3], b[3:5], b[5:7], b[7:10], b[10:13], k]
    return {"compact": b + k, "spaces": " ".join(parts), "dots": ".".join(parts), "dashes": "-".join(parts)}[style]

def bad_nir():
    b, k = nir()
    k2 = f"{(int(k) + rnd.randint(1, 50)) % 97 + 1:02d}"
    s = b + k2
    while luhn_ok(s) or k2 == k:
        k2 = f"{(int(k2) % 97) + 1:02d}"; s = b + k2
    return s

def luhn_ok(d):
    total = 0
    for i, c in enumerate(reversed(d)):
        x = int(c)
        if i % 2 == 1:
            x *= 2
            if x > 9: x -= 9
        total += x
    return total % 10 == 0

def card(prefix, length):
    while True:
        d = prefix + "".join(str(rnd.randint(0, 9)) for _ in range(length - len(prefix) - 1))
        for c in "0123456789":
            if luhn_ok(d + c): return d + c

def bad_card(prefix, length):
    d = card(prefix, length)
    return d[:-1] + str((int(d[-1]) + 3) % 10)

def iban(country, bban_len, letters=False):
    alphabet = "0123456789" + ("ABCDEFGHJK" if letters else "")
    bban = "".join(rnd.choice("0123456789") for _ in range(5)) + "".join(rnd.choice(alphabet) for _ in range(bban_len - 5))
    rearranged = bban + country + "00"
    num = int("".join(str(int(c, 36)) for c in rearranged))
    return country + f"{98 - num % 97:02d}" + bban

def spaced(s, n=4): return " ".join(s[i:i + n] for i in range(0, len(s), n))
def digits(n): return "".join(str(rnd.randint(0, 9)) for _ in range(n))

rows = []
def add(expected, sentence): rows.append((expected, sentence))

# --- NIR ---
nir_templates = [
    "NIR de Madame : {}.", "Numéro de sécurité sociale {} relevé sur l'attestation.", "Sécu : {}", "Monsieur a donné son numéro {} pour la demande de CSS.",
    "Attestation de droits CPAM au nom de l'enfant, n° {}.", "Immatriculation {} en cours de vérification.", "{} — numéro à reporter sur le formulaire.",
    "Carte vitale perdue, numéro noté : {}.", "Le NIR {} figure sur le courrier de la CPAM.", "N° SS {} pour le dossier MDPH.",
]
styles = ["compact", "spaces", "dots", "dashes"]
for i in range(26):
    corsica = "2A" if i == 3 else "2B" if i == 7 else "2A" if i == 15 else None
    add("Nir", nir_templates[i % len(nir_templates)].format(fmt_nir(styles[i % 4], corsica)))
add("Nir", f"Né le 12 05 1985 {fmt_nir('spaces')} à Évry.")

# --- CAF ---
caf_templates = ["n° CAF : {}", "Numéro allocataire {} transmis par Madame.", "Matricule CAF {}, dossier à jour.", "Son numéro d'allocataire est le {}.",
                 "CAF de l'Essonne, n° {}, déclaration trimestrielle faite.", "numero allocataire: {}", "N° allocataire CAF {} — RSA en cours.", "Identifiant CAF {} pour l'espace en ligne."]
for i in range(16): add("Caf", caf_templates[i % len(caf_templates)].format(digits(7) if i % 3 else digits(7)))

# --- AGDREF ---
ag_templates = ["Titre de séjour n° {}, valable jusqu'en 2027.", "AGDREF {}", "Numéro étranger : {}.", "Carte de séjour {} à renouveler avant juin.",
                "Récépissé de demande de titre de séjour n° {} remis en préfecture.", "n° AGDREF {} noté pour le dossier.", "Titre de séjour : {}"]
for i in range(15): add("Agdref", ag_templates[i % len(ag_templates)].format(str(rnd.randint(1, 9)) + digits(9)))

# --- IBAN ---
iban_templates = ["RIB de Madame : {}.", "IBAN {} pour le versement de l'aide.", "Virement à faire sur {} (compte du bailleur).", "Coordonnées bancaires : {}",
                  "Compte {} ouvert à la Banque Postale.", "Son IBAN est {}, à transmettre au CCAS."]
countries = [("FR", 23), ("FR", 23), ("FR", 23), ("BE", 12), ("DE", 18), ("ES", 20), ("PT", 21), ("IT", 23), ("MA", 24), ("GB", 18)]
for i in range(20):
    c, n = countries[i % len(countries)]
    value = iban(c, n, letters=(c in ("IT", "GB")))
    add("Iban", iban_templates[i % len(iban_templates)].format(spaced(value) if i % 2 == 0 else value))

# --- Payment cards ---
card_templates = ["Carte bancaire {} bloquée, opposition faite.", "Paiement en ligne avec la carte {}.", "CB : {}", "Numéro de carte {} noté par erreur.",
                  "La carte {} a été avalée par le distributeur."]
kinds = [("4", 16), ("5", 16), ("2221", 16), ("34", 15), ("37", 15), ("6", 16), ("4", 13), ("4", 19)]
for i in range(16):
    p, n = kinds[i % len(kinds)]
    v = card(p, n)
    v = spaced(v) if i % 3 == 0 else "-".join(v[j:j + 4] for j in range(0, n, 4)) if i % 3 == 1 else v
    add("PaymentCard", card_templates[i % len(card_templates)].format(v))

# --- Credentials ---
for s in ["Mdp : Soleil2024", "mot de passe ameli : Lilas!91", "Identifiant : jdupont91, code : 4589", "login/password : mdurand / Azerty12",
          "Son mot de passe est Chat2019!", "MDP=Printemps75", "mot de passe provisoire : Kx7-pq2",
          "Impots.gouv : identifiant marie.l, mot de passe : Violette88", "code secret : 8812", "Pôle emploi — identifiant 4521879X, mot de passe 251280",
          "password: Bonjour123", "Ses codes : login mleroy, mdp Tulipe*12", "Le code confidentiel de sa carte est 1974.", "mdp messagerie : hortensia",
          "identifiant France Travail : 6783421Y, code : 789456", "Mot de passe du compte ameli = Rose2025", "Login : kbenali / password : Mars2023!",
          "code pin : 0000", "Pour l'ENT : identifiant eleve.martin, mot de passe : Ecole2026"]:
    add("Credentials", s)

# the CAF login is the allocataire number: both findings are right
add("Credentials,Caf", "Espace CAF : identifiant 1234567 code 8421.")

# --- Health ---
for s in ["Madame est dépressive depuis la séparation.", "Monsieur souffre de schizophrénie, suivi au CMP.", "Elle a fait une tentative de suicide l'an dernier.",
          "Le fils est autiste et attend une place en IME.", "Monsieur est alcoolique, il boit dès le matin.", "Diagnostic de trouble bipolaire posé en 2023.",
          "Madame a un cancer du sein, chimiothérapie en cours.", "Enfant diabétique, insuline matin et soir.", "Il est séropositif et ne veut pas que ça se sache.",
          "Problèmes psychologiques importants chez la mère.", "Monsieur prend des antidépresseurs et des anxiolytiques.", "Hospitalisation psychiatrique de trois semaines en janvier.",
          "La grand-mère est atteinte d'Alzheimer.", "Elle est anorexique depuis l'adolescence.", "Crises d'angoisse fréquentes la nuit.",
          "Troubles psychiques non stabilisés selon la voisine.", "Il suit un traitement à la méthadone.", "Maladie de Parkinson diagnostiquée récemment.",
          "La jeune fille a fait une fausse couche en mars.", "Monsieur est épileptique, il ne peut pas conduire.", "Fragilité psychologique évidente lors de l'entretien.",
          "Madame est obèse et se déplace difficilement.", "Elle est en sevrage alcoolique.", "Sa maladie l'empêche de travailler.", "Le père présente une pathologie psychiatrique lourde."]:
    add("Health", s)

# --- Judgement ---
for s in ["Madame est manipulatrice et menteuse.", "Monsieur est fainéant, il ne cherche pas de travail.", "Mère immature, dépassée par ses enfants.",
          "Parents démissionnaires, les enfants traînent dehors.", "Il s'est montré agressif et insolent à l'accueil.", "Personne hystérique au téléphone.",
          "Famille profiteuse des aides sociales.", "Monsieur est de mauvaise foi sur ses dettes.", "Logement crasseux, incurie manifeste.",
          "C'est une mauvaise mère selon l'école.", "Conflits conjugaux récurrents au domicile.", "Madame est capricieuse et irrespectueuse envers l'équipe.",
          "Il est paresseux et irresponsable avec son budget.", "Comportement bizarre pendant l'entretien.", "Le fils est violent avec sa sœur.",
          "Monsieur est un menteur, ne pas croire ce qu'il dit.", "Femme colérique et caractérielle.", "Mythomane, invente des rendez-vous.",
          "Dispute conjugale entendue par les voisins.", "Personne négligente avec ses papiers.", "Attitude pathétique face au bailleur."]:
    add("Judgement", s)

# --- Special categories ---
for s in ["Famille musulmane pratiquante, jeûne pendant le ramadan.", "Madame est d'origine maghrébine.", "Monsieur est homosexuel, il vit avec son compagnon.",
          "Il est syndiqué à la CGT et militant.", "Famille rom installée sur le terrain.", "Elle va à la mosquée tous les vendredis.", "Le couple est catholique pratiquant.",
          "Il milite à l'extrême droite.", "Jeune femme lesbienne rejetée par sa famille.", "Monsieur est juif et craint pour sa sécurité.",
          "Madame porte le voile, difficultés pour l'emploi.", "Elle est témoin de Jéhovah et refuse la transfusion.", "Il s'est déclaré bisexuel lors de l'entretien.",
          "Opinions politiques radicales exprimées en entretien.", "Famille de religion évangélique.", "Monsieur est délégué syndical dans son entreprise.",
          "Communauté gitane du quartier.", "Le fils est transgenre.", "Madame parle de sa vie sexuelle avec son ex-conjoint.", "Ethnie peule, arrivée du Sénégal.",
          "Monsieur est un ancien gilet jaune.", "Ils sont bouddhistes et végétariens.", "Madame se prostitue pour payer le loyer.", "Famille protestante très croyante.",
          "Il a voté pour le Rassemblement national."]:
    add("SpecialCategory", s)

# --- Offences ---
for s in ["Monsieur sort de prison en juin.", "Il a un casier judiciaire chargé.", "Madame est en situation irrégulière depuis 2022.", "Garde à vue le week-end dernier pour vol.",
          "Le fils deale du cannabis en bas de l'immeuble.", "Condamné pour escroquerie en 2019.", "Sans-papiers, hébergé chez un cousin.", "Il porte un bracelet électronique.",
          "Fraude aux allocations suspectée par la voisine.", "Le père a été incarcéré pour violences conjugales.", "Monsieur est récidiviste.", "Le jeune est mis en examen.",
          "Trafic de stupéfiants dans la cage d'escalier, le fils serait impliqué.", "Elle a fait l'objet d'une OQTF.", "Condamnation à six mois avec sursis.",
          "Il a cambriolé l'appartement voisin.", "Ancien délinquant, suivi par le SPIP.", "Monsieur se drogue à l'héroïne.", "Le compagnon est l'agresseur de Madame.",
          "Vol à l'étalage au supermarché, plainte du magasin."]:
    add("Offence", s)

# --- Clean, including tricky ones ---
clean = [
    "Rendez-vous à l'hôpital pour l'enfant mardi à 9h30.", "Accompagnement de Madame à l'hôpital pour un rendez-vous de suivi de grossesse.",
    "Madame a rendez-vous chez son médecin traitant le 14/04/2026.", "Demande de complémentaire santé solidaire déposée auprès de l'assurance maladie.",
    "Arrêt maladie de Monsieur jusqu'au 30 avril, indemnités journalières en attente.", "Dossier MDPH déposé pour l'allocation adulte handicapé.",
    "Appeler le 06 12 34 56 78 pour confirmer le rendez-vous.", "Tél. : 01 60 91 23 45.", "Nouveau numéro de Madame : 07.81.45.22.90.",
    "Loyer de 642,50 € charges comprises.", "Dette de loyer de 1 250 € auprès du bailleur.", "Reste à vivre estimé à 312 € par mois.",
    "Adresse : 14 rue des Lilas, 91000 Évry-Courcouronnes.", "Déménagement prévu au 3 allée des Chênes, 91130 Ris-Orangis.",
    "Prochain rendez-vous le 12/05/2026 à 14h.", "Entretien du 2 mars 2026 : point sur le budget.", "Naissance prévue en septembre 2026.",
    "Madame a contacté la CAF pour sa déclaration trimestrielle.", "La CAF a versé 523 € d'aide au logement en mars.", "Dossier CAF mis à jour ensemble.",
    "Numéro allocataire à demander à Madame pour le dossier FSL.", "Elle a oublié son mot de passe ameli : réinitialisation faite avec elle.",
    "Aide à la création du mot de passe de l'espace France Travail.", "Mot de passe oublié, Madame le réinitialisera chez elle.",
    "Code postal erroné sur le courrier de la préfecture.", "Code postal : 91000.", "Le code d'accès à l'immeuble a changé, sonner à l'interphone.",
    "Titre de séjour en cours de renouvellement, rendez-vous en préfecture le 3 juin.", "Récépissé remis, valable trois mois.",
    "RIB transmis directement au bailleur par Madame.", "Madame a ouvert un compte à la Banque Postale.", "Opposition faite sur la carte bancaire volée.",
    "Numéro de dossier FSL 2026-00451 à rappeler.", "Référence de la facture EDF : 3012458791.", "Numéro de contrat 100245789632154 chez l'assureur.",
    f"Référence du prélèvement : {bad_nir()}.", f"Numéro de suivi du colis {bad_nir()}.", f"Avis d'imposition n° {bad_nir()}, revenu fiscal de référence 14 200 €.",
    f"Commande {bad_card('4', 16)} annulée par le site.", f"Référence interne {bad_card('5', 16)}.",
    "Diagnostic de performance énergétique du logement : classe G.", "Diagnostic social réalisé avec la famille.", "Diagnostic budgétaire fait avec la conseillère ESF.",
    "Madame est en recherche d'emploi depuis six mois.", "Monsieur travaille de nuit dans la logistique.", "Les enfants sont scolarisés à l'école Jules-Ferry.",
    "Inscription à la cantine faite pour la rentrée.", "Demande de logement social renouvelée, numéro unique en cours.", "Orientation vers l'épicerie solidaire.",
    "Aide financière du FSL pour l'ouverture des compteurs.", "Madame souhaite une formation d'aide-soignante.", "Monsieur cherche un emploi de chauffeur.",
    "Visite à domicile : logement propre et bien tenu.", "Le logement est trop petit pour cinq personnes.", "Madame est seule avec ses trois enfants.",
    "Le père voit les enfants un week-end sur deux.", "Jugement de divorce prononcé en janvier, pension alimentaire fixée à 150 €.",
    "Audience au tribunal pour l'expulsion locative le 18 juin.", "Procédure d'expulsion suspendue pendant la trêve hivernale.", "Sursis à expulsion accordé par le juge.",
    "Madame a porté plainte après le vol de son sac.", "Accompagnement au commissariat pour une déclaration de perte.", "Mesure de protection : curatelle renforcée demandée.",
    "Monsieur est sous tutelle, le mandataire est informé.", "L'enfant est suivi par l'aide sociale à l'enfance.", "Réunion avec l'école et la PMI vendredi.",
    "Madame suit des cours de français au centre social.", "Interprète en arabe prévu pour le prochain entretien.", "Famille arrivée d'Espagne en 2024.",
    "Monsieur est de nationalité portugaise.", "Madame est née à Dakar.", "Elle parle anglais et un peu français.",
    "Madame a trouvé un emploi à mi-temps.", "Reprise d'activité prévue en mai.", "Le dossier de surendettement est recevable.",
    "Plan de remboursement de 80 € par mois accepté.", "Facture d'électricité de 312,40 € à échéancer.", "Demande d'aide alimentaire d'urgence.",
    "Rendez-vous au CCAS le 5 mai à 10h.", "Madame était très fatiguée ce jour, entretien écourté.", "Monsieur était inquiet pour son fils.",
    "Madame exprime le souhait de déménager près de sa mère.", "L'enfant a été hospitalisé pour une appendicite, retour à la maison.", "Bilan de santé à la CPAM proposé.",
    "Vaccinations de l'enfant à jour selon la PMI.", "Madame a un rendez-vous chez le dentiste pour sa fille.", "Transport vers l'hôpital pris en charge.",
    "Le conseil départemental a accordé une aide de 200 €.", "Carte d'identité à refaire, rendez-vous en mairie le 2 juin.", "Passeport expiré en 2025.",
    "Attestation d'hébergement fournie par le frère.", "Domiciliation au CCAS en attendant un logement.", "Carte vitale à mettre à jour en pharmacie.",
    "Chèque énergie reçu en avril.", "Madame a payé 45 € de cantine.", "Demande APL en ligne faite ensemble, numéro de demande reçu par courriel.",
    "Code de la route obtenu en février, permis en cours.", "Identifiant de connexion envoyé par courrier à Madame.",
    "Rendez-vous en mairie pour le vote par procuration ? Non, pour l'état civil.", "Les enfants pratiquent le football au club municipal.",
    "Séjour de vacances organisé par le centre social en juillet.", "Madame a 3 enfants de 4, 7 et 12 ans.", "Appartement au 5e étage sans ascenseur.",
    "Virement de 150 € reçu de la CAF le 5 du mois.", "Contacter le bailleur au 01 69 00 00 00 poste 214.", "Numéro de sinistre 2026 004 578 chez l'assureur.",
    "La conseillère France Travail est Mme Petit.", "Le fils a obtenu son brevet avec mention.", "Madame souhaite passer le permis B.",
    "Monsieur a fait une formation de cariste de 35 heures.", "Heures de ménage : 20 h par mois chez deux employeurs.", "Demande de bourse scolaire déposée au collège.",
    "Rendez-vous de suivi à la maternité le 22/06.", "Madame est enceinte de cinq mois, suivi PMI en place.", "Le pédiatre a prescrit des séances d'orthophonie.",
    "Ligne de bus 402, arrêt Mairie.", "Trajet de 45 minutes pour aller au travail.", "L'église du quartier organise une distribution de vêtements ? Non : c'est le Secours populaire.",
]
for s in clean: add("", s)

# --- A second batch, written after the lexicons and not tuned against them ---
add("Nir", f"Pour la CSS il faut le {fmt_nir('compact')} et l'avis d'imposition.")
add("Nir", f"La mère ({fmt_nir('spaces', corsica='2B')}) est venue seule.")
add("Nir", f"sécu {fmt_nir('dashes')} / mutuelle en cours")
add("Iban", f"Le bailleur demande un RIB : {spaced(iban('FR', 23))}, à vérifier.")
add("PaymentCard", f"Elle a lu sa carte au téléphone : {spaced(card('5', 16))}, je l'ai arrêtée.")
add("Caf", f"Allocataire n° {digits(7)} ; RSA suspendu depuis mars.")
add("Agdref", f"Carte de séjour n°{rnd.randint(1, 9)}{digits(9)} expirée le 12/01/2026.")
add("Credentials", "Code d'accès : Bleu-2024 pour son espace impots.gouv")
add("Credentials", "id : k.traore75 / mdp : Lune*2020")
add("Health", "Le fils a des troubles du comportement à l'école.")
add("Health", "Madame est suivie pour une hépatite C.")
add("Health", "Monsieur est toxicomane selon la voisine.")
add("Judgement", "Elle est très immature pour son âge.")
add("Judgement", "Monsieur se montre agressif dès qu'on parle des dettes.")
add("SpecialCategory", "Il fréquente la synagogue du quartier.")
add("SpecialCategory", "Madame est militante dans une association politique.")
add("Offence", "Il a fait de la détention provisoire en 2021.")
add("Offence", "Le compagnon est connu pour trafic de drogue.")
for s in [
    "Le dossier a été transmis au pôle insertion le 04.03.2026.", "Madame a reçu 1 234,56 € de rappel d'APL.",
    "Rendez-vous pris au service de psychologie ? Non : au service logement de la mairie.", "Numéro fiscal demandé à Madame pour la demande de bourse.",
    "Madame va à l'hôpital Sud-Francilien pour la naissance.", "Accompagnement physique aux urgences pédiatriques pour le fils.",
    "Monsieur a rencontré le délégué du défenseur des droits.", "Permanence juridique au CDAD le 15 mai.",
    "Le bail a été signé le 1er avril, dépôt de garantie de 640 €.", "Facture n° 2026-0415-0078 réglée par le FSL.",
    "Madame souhaite s'inscrire à la mission locale pour son fils de 19 ans.", "Ouverture des droits à la prime d'activité le 3 février.",
    "Carte Navigo solidarité demandée.", "Le code de l'interphone est noté sur la porte du bailleur.",
    "Monsieur ne se souvient plus de son mot de passe France Connect.", "Création d'une adresse électronique et d'un mot de passe avec Monsieur, qu'il a notés lui-même.",
    "Rappeler le 0612345678 après 17h.", "Le colis alimentaire du Secours catholique est à retirer jeudi.",
    "Madame participe à l'atelier cuisine du centre social.", "Le fils est en CAP maintenance des véhicules.",
    "Dette EDF de 876 € ; plan d'apurement sur 12 mois.", "Monsieur est en intérim depuis 2 semaines.",
    "Délai de paiement obtenu auprès du Trésor public.", "Le jugement d'expulsion a été signifié le 10/02/2026.",
    "Madame a déposé une main courante au commissariat.", "Enfant placé en famille d'accueil depuis 2024, visites médiatisées le mercredi.",
]:
    add("", s)

# --- Issue 17 widened the rule: a nationality and the residence or asylum status are their own category (no longer an
# offence), and pregnancy, disability and hospitalisation are health data. These sentences, written under the old rule,
# take the new verdict.
RULE_CHANGES = {
    "Madame est en situation irrégulière depuis 2022.": "Nationality",
    "Sans-papiers, hébergé chez un cousin.": "Nationality",
    "Elle a fait l'objet d'une OQTF.": "Nationality",
    "Monsieur est de nationalité portugaise.": "Nationality",
    "Elle est témoin de Jéhovah et refuse la transfusion.": "SpecialCategory,Health",
    "Accompagnement de Madame à l'hôpital pour un rendez-vous de suivi de grossesse.": "Health",
    "Dossier MDPH déposé pour l'allocation adulte handicapé.": "Health",
    "L'enfant a été hospitalisé pour une appendicite, retour à la maison.": "Health",
    "Madame est enceinte de cinq mois, suivi PMI en place.": "Health",
}
assert all(any(t == k for _, t in rows) for k in RULE_CHANGES)
rows = [(RULE_CHANGES.get(t, e), t) for e, t in rows]

print("# expected\ttext — expected: empty for a clean sentence, else the categories the guard must find (comma-separated).")
print("# Generated by make_corpus.py: fictional sentences; every NIR, IBAN and card number is computed, none is a real person's.")
for e, s in rows: print(f"{e}\t{s}")
