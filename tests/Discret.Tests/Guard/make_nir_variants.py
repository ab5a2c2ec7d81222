#!/usr/bin/env python3
"""Generate /work/wt/nir-variants.tsv: fictional NIR spelling variants (positives)
and ordinary numbers that must not be reported as NIR (negatives).
Every number is random and computed here; none is a real person's."""
import random

rng = random.Random(20261203)
NBSP = "\u00a0"
NNBSP = "\u202f"


def key_of(nir13: str) -> int:
    n = nir13.replace("2A", "19").replace("2B", "18")
    return 97 - int(n) % 97


def rand_nir(sex=None, dept=None, month=None):
    sex = sex or rng.choice("12")
    yy = f"{rng.randint(0, 99):02d}"
    mm = month or f"{rng.randint(1, 12):02d}"
    dd = dept or f"{rng.randint(1, 95):02d}"
    com = f"{rng.randint(1, 999):03d}"
    order = f"{rng.randint(1, 999):03d}"
    parts = [sex, yy, mm, dd, com, order]
    nir13 = "".join(parts)
    assert len(nir13) == 13
    return parts, f"{key_of(nir13):02d}"


def grp(parts, key=None, sep=" "):
    items = list(parts) + ([key] if key is not None else [])
    return sep.join(items)


def to_script(s, zero):
    return "".join(chr(zero + int(c)) if c.isdigit() else c for c in s)


pos, neg = [], []

# --- valid key, various groupings
p, k = rand_nir(); pos.append(f"Entretien du jour : Madame a communiqué son numéro de sécurité sociale {grp(p, k)} pour l'ouverture de ses droits.")
p, k = rand_nir(); pos.append(f"NIR relevé sur l'attestation CPAM : {grp(p, k, '')}.")
p, k = rand_nir(); pos.append(f"Monsieur m'a dicté son numéro {grp(p, k, '.')} lors de la permanence.")
p, k = rand_nir(); pos.append(f"Dossier RSA complété avec le n° {grp(p, k, '-')} figurant sur la carte Vitale.")
p, k = rand_nir(); pos.append(f"Numéro de sécu de l'enfant : {grp(p, k, NBSP)} (copié depuis le courrier de la caisse).")
p, k = rand_nir(); pos.append(f"La mère a donné le numéro{NBSP}{grp(p, k, NNBSP)} au téléphone.")
p, k = rand_nir(); pos.append(f"Mutuelle contactée : le numéro d'assuré{NBSP}: {grp(p, k, NBSP)} est bien rattaché au contrat.")
# --- without key
p, _ = rand_nir(); pos.append(f"Seuls les 13 premiers chiffres sont lisibles sur la photocopie : {grp(p)}.")
p, _ = rand_nir(); pos.append(f"Note : immatriculation {grp(p, None, '')} à vérifier auprès de la CPAM.")
p, _ = rand_nir(); pos.append(f"Madame ignore sa clé, elle connaît seulement {grp(p, None, '.')} de mémoire.")
# --- Corsica
p, k = rand_nir(dept="2A"); pos.append(f"Né à Ajaccio, Monsieur a pour numéro de sécurité sociale {grp(p, k)}.")
p, k = rand_nir(dept="2B"); pos.append(f"Attestation de droits reçue, n° {grp(p, k, '')}, à classer au dossier.")
p, _ = rand_nir(dept="2B"); pos.append(f"Numéro provisoire noté sans clé : {grp(p, None, '-')}.")
# --- temporary numbers / unknown month
p, k = rand_nir(sex="7"); pos.append(f"Numéro d'attente attribué par la caisse : {grp(p, k)}, en attendant l'immatriculation définitive.")
p, k = rand_nir(sex="8", month="35"); pos.append(f"Pour ce jeune arrivé récemment, NIA {grp(p, k, '')} indiqué sur le récépissé.")
p, k = rand_nir(sex="3", month="99"); pos.append(f"Le numéro {grp(p, k, '.')} figure sur la notification de la PUMa.")
p, k = rand_nir(month="62"); pos.append(f"Date de naissance incertaine, numéro attribué : {grp(p, k)}.")
# --- key set apart by a word
p, k = rand_nir(); pos.append(f"Numéro de sécurité sociale {grp(p)} clé {k} recopié dans le dossier.")
p, k = rand_nir(); pos.append(f"Monsieur a donné son numéro {grp(p)} (clé {k}) lors de l'entretien.")
p, k = rand_nir(); pos.append(f"Sécu : {grp(p, None, '')} clé {k}, à transmettre à la MDPH.")
p, k = rand_nir(dept="2A"); pos.append(f"N° {grp(p, None, '.')} (clé : {k}) noté sur la fiche de liaison.")
# --- full-width digits
p, k = rand_nir(); pos.append(f"Numéro saisi depuis le formulaire en ligne : {to_script(grp(p, k), 0xFF10)}.")
p, k = rand_nir(); pos.append(f"Copie du message de Madame : mon numéro est {to_script(grp(p, k, ''), 0xFF10)} merci.")
p, _ = rand_nir(); pos.append(f"Sans clé, en chiffres pleine chasse : {to_script(grp(p, None, '.'), 0xFF10)}.")
# --- other scripts' decimal digits
p, k = rand_nir(); pos.append(f"Le document traduit mentionne le numéro {to_script(grp(p, k), 0x0660)} (chiffres arabes orientaux).")
p, k = rand_nir(); pos.append(f"Numéro recopié par l'interprète : {to_script(grp(p, k, ''), 0x06F0)}.")
p, k = rand_nir(); pos.append(f"Sur la capture d'écran envoyée par le fils : {to_script(grp(p, k, '-'), 0x0966)}.")
p, _ = rand_nir(); pos.append(f"Immatriculation notée en chiffres bengalis {to_script(grp(p), 0x09E6)} sur le papier remis.")
# --- inside a sentence, mixed
p, k = rand_nir(); pos.append(f"Lors de la visite à domicile le 12 mars, Madame a retrouvé sa carte Vitale ({grp(p, k)}) et la facture EDF.")
p, k = rand_nir(); pos.append(f"Appel de la CPAM au sujet du dossier {grp(p, k, '')} : le versement des IJ reprend en avril.")

# ---------------- negatives
def phone():
    return "0" + rng.choice("67") + "".join(f" {rng.randint(0, 99):02d}" for _ in range(4))
ph = phone(); neg.append(f"Rappeler Madame au {ph} avant vendredi.")
neg.append(f"Numéro de l'assistante sociale de secteur : +33 6 {rng.randint(10,99)} {rng.randint(10,99)} {rng.randint(10,99)} {rng.randint(10,99)}.")
neg.append(f"Le fils vit en Belgique mais garde un portable français, 0033 7 {rng.randint(10,99)} {rng.randint(10,99)} {rng.randint(10,99)} {rng.randint(10,99)}.")
neg.append(f"Joindre l'éducatrice au +33{NBSP}7{NBSP}{rng.randint(10,99)}{NBSP}{rng.randint(10,99)}{NBSP}{rng.randint(10,99)}{NBSP}{rng.randint(10,99)} ou par mail.")
neg.append(f"Numéro laissé par la tante depuis l'étranger : 0033 6 {rng.randint(10,99)} {rng.randint(10,99)} {rng.randint(10,99)} {rng.randint(10,99)}, à rappeler en soirée.")
neg.append(f"Téléphone fixe : 01.{rng.randint(10,99)}.{rng.randint(10,99)}.{rng.randint(10,99)}.{rng.randint(10,99)}, joignable le matin.")
neg.append("Rendez-vous fixé le 14/03/2026 à 14h30 au CCAS, puis le 02/04/2026 à 9 h 15.")
neg.append("Entretien du 05.11.2025 de 10:00 à 11:45, la personne est arrivée en retard.")
neg.append(f"Dette de loyer de 1 250,00 € au 31 décembre, plan d'apurement proposé à 85,50 € par mois.")
neg.append(f"Ressources mensuelles : 1{NBSP}432,17{NBSP}€ de salaire et 312,40 € d'APL.")
neg.append("Madame a déménagé au 12 rue des Lilas, 69008 Lyon ; ancienne adresse 13001 Marseille.")
neg.append("Code postal de la commune de résidence : 20090, puis 75019 après le relogement.")
caf = rng.randint(1000000, 9999999); neg.append(f"Numéro d'allocataire CAF {caf} communiqué pour la demande de RSA.")
caf = rng.randint(1000000, 9999999); neg.append(f"La CAF a bien reçu le dossier de l'allocataire n° {caf} (mise à jour du quotient familial).")

def bad13(first=None, month=None, dept=None):
    first = first or rng.choice("12")
    yy = f"{rng.randint(0, 99):02d}"
    mm = month or f"{rng.randint(1, 12):02d}"
    dd = dept or f"{rng.randint(1, 95):02d}"
    rest = f"{rng.randint(1, 999):03d}{rng.randint(1, 999):03d}"
    s = first + yy + mm + dd + rest
    assert len(s) == 13
    return s
neg.append(f"Référence du dossier FSL : {bad13(first='0')}.")
neg.append(f"Numéro de facture du fournisseur d'énergie {bad13(first='4')} à joindre au dossier.")
neg.append(f"Identifiant de commande {bad13(first='9')} pour les colis alimentaires.")
neg.append(f"Référence client {bad13(first='5')} sur l'échéancier.")
neg.append(f"Numéro de contrat {bad13(month='00')} indiqué par le bailleur.")
neg.append(f"Référence interne {bad13(month='15')} du service de tutelle.")
neg.append(f"Code dossier {bad13(month='47')} transmis par la banque.")
neg.append(f"Numéro de suivi du recommandé : {bad13(dept='00')}.")

def wrong_key15(sep=""):
    parts, k = rand_nir()
    good = int(k)
    wrong = (good + rng.randint(1, 96)) % 97 or 97
    assert wrong != good and 1 <= wrong <= 97
    return grp(parts, f"{wrong:02d}", sep)
neg.append(f"Numéro de transaction {wrong_key15()} figurant sur le relevé bancaire.")
neg.append(f"Référence de virement {wrong_key15()} reçue par mail.")
neg.append(f"Numéro de compteur et référence PDL : {wrong_key15(' ')}.")
neg.append("Prochaine visite à 16h, prévoir 2 tickets de métro et 3 bons alimentaires de 20 €.")
neg.append("La famille compte 4 enfants nés en 2012, 2015, 2018 et 2021 ; loyer de 640 € charges comprises.")

import unicodedata


def digits_of(s):
    return "".join(str(unicodedata.digit(c)) if unicodedata.digit(c, None) is not None else c for c in s)


def check(line, expect_valid):
    t = digits_of(line).replace(NBSP, " ").replace(NNBSP, " ")
    m = re.search(r"[12378][ .-]?\d\d[ .-]?\d\d[ .-]?(?:\d\d|2[AB])[ .-]?\d{3}[ .-]?\d{3}(?:[ .-]?(?:\(?clé :? ?)?(\d\d))?", t)
    assert m, line
    body = re.sub(r"[^0-9AB]", "", m.group(0)[: m.start(1) - m.start(0)] if m.group(1) else m.group(0))
    assert len(body) == 13, (line, body)
    if m.group(1):
        assert (int(m.group(1)) == key_of(body)) == expect_valid, line


import re
for s in pos:
    check(s, True)
for s in neg[-5:-2]:
    check(s, False)
for s in pos + neg:
    assert "\t" not in s and "\n" not in s

with open("/work/wt/nir-variants.tsv", "w", encoding="utf-8") as f:
    f.write("# expected\ttext — expected: empty for a clean sentence, else the categories the guard must find (comma-separated).\n")
    f.write("# Generated by make_nir_variants.py: fictional sentences; every NIR is random and computed (valid key, or deliberately wrong key for negatives), none is a real person's.\n")
    for s in pos:
        f.write(f"Nir\t{s}\n")
    for s in neg:
        f.write(f"\t{s}\n")
print(len(pos), "positives,", len(neg), "negatives")
