namespace Discret.Bench;

/// <summary>French surnames and first names with a realistic skew: a Zipf-weighted list of common names plus a long tail.</summary>
public static class Names
{
    // Most frequent French surnames, roughly in order of frequency.
    public static readonly string[] CommonSurnames =
    [
        "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
        "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
        "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Müller", "Lefebvre", "Faure", "André",
        "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
        "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson",
        "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier",
        "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud",
        "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron",
        "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Philippe",
        "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Payet", "Rolland", "Leclercq", "Guillaume", "Lecomte",
        "Lopez", "Jean", "Dupuy", "Guillot", "Hubert", "Berger", "Carpentier", "Sanchez", "Dupuis", "Moulin",
        "Louis", "Deschamps", "Huet", "Vasseur", "Perez", "Boucher", "Fleury", "Royer", "Klein", "Jacquet",
        "Adam", "Paris", "Poirier", "Marty", "Aubry", "Guyot", "Carré", "Charles", "Renault", "Charpentier",
        "Ménard", "Maillard", "Baron", "Bertin", "Bailly", "Hervé", "Schneider", "Fernandez", "Le Gall", "Collet",
        "Léger", "Bouvier", "Julien", "Prévost", "Millet", "Perrot", "Daniel", "Le Roux", "Cousin", "Germain",
        "Breton", "Besson", "Langlois", "Rémy", "Le Goff", "Pelletier", "Lévêque", "Perrier", "Leblanc", "Barré",
        "Lebrun", "Marchal", "Weber", "Mallet", "Hamon", "Boulanger", "Jacob", "Monnier", "Michaud", "Rodriguez",
        "Guichard", "Gillet", "Étienne", "Grondin", "Poulain", "Tessier", "Chevallier", "Collin", "Chauvin", "Da Silva",
        "Bouchet", "Gay", "Lemaître", "Bénard", "Maréchal", "Humbert", "Reynaud", "Antoine", "Hoarau", "Perret",
        "Barthélemy", "Cordier", "Pichon", "Lejeune", "Gilbert", "Lamy", "Delaunay", "Pasquier", "Carlier", "Laporte",
        "Diallo", "Traoré", "Nguyen", "Benali", "Haddad", "Mendes", "Ferreira", "Oliveira", "Kaya", "Yilmaz",
    ];

    public static readonly string[] FirstNamesF =
    [
        "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Christine", "Monique", "Valérie", "Sandrine",
        "Sophie", "Céline", "Julie", "Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Jade", "Louise", "Alice",
        "Aurélie", "Émilie", "Laura", "Sarah", "Fatima", "Aïcha", "Nadia", "Yasmine", "Océane", "Élodie", "Anaïs",
        "Jeanne", "Brigitte", "Martine", "Nicole", "Josiane", "Chantal", "Mélanie", "Stéphanie", "Agnès", "Hélène",
    ];

    public static readonly string[] FirstNamesM =
    [
        "Jean", "Pierre", "Michel", "Philippe", "Alain", "Nicolas", "Christophe", "Patrick", "Daniel", "Laurent",
        "Thomas", "Julien", "Sébastien", "David", "Frédéric", "Éric", "Stéphane", "Olivier", "Lucas", "Hugo",
        "Léo", "Gabriel", "Louis", "Raphaël", "Arthur", "Nathan", "Mohamed", "Karim", "Mehdi", "Youssef", "Kevin",
        "Maxime", "Antoine", "Alexandre", "Romain", "Mathieu", "Jérôme", "Guillaume", "François", "Bernard", "Yves",
    ];

    private static readonly string[] Onsets = ["b", "br", "c", "ch", "d", "f", "g", "gr", "j", "l", "m", "n", "p", "pl", "r", "s", "t", "tr", "v", "qu", "ph", "k", "z", "h"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "ou", "au", "eau", "é", "è", "in", "an", "on", "y", "ai", "eu"];
    private static readonly string[] Codas = ["", "", "", "l", "r", "n", "t", "d", "s", "x", "lle", "rd", "nt", "ult", "ard", "ier", "ot", "et", "in"];

    private static readonly double[] Cumulative = BuildZipf(CommonSurnames.Length, 0.9);

    private static double[] BuildZipf(int n, double s)
    {
        var c = new double[n];
        double sum = 0;
        for (var i = 0; i < n; i++) { sum += 1 / Math.Pow(i + 1, s); c[i] = sum; }
        for (var i = 0; i < n; i++) c[i] /= sum;
        return c;
    }

    /// <summary>About 55 % of persons carry one of the common names (Martin alone ≈ 3 %), the rest a long tail of rarer names.</summary>
    public static string Surname(Random r)
    {
        if (r.NextDouble() < 0.55)
        {
            var i = Array.BinarySearch(Cumulative, r.NextDouble());
            return CommonSurnames[i < 0 ? Math.Min(~i, CommonSurnames.Length - 1) : i];
        }
        return RareSurname(r);
    }

    public static string RareSurname(Random r)
    {
        var syllables = r.Next(2, 4);
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < syllables; i++) sb.Append(Onsets[r.Next(Onsets.Length)]).Append(Vowels[r.Next(Vowels.Length)]);
        sb.Append(Codas[r.Next(Codas.Length)]);
        if (r.Next(12) == 0) sb.Insert(0, r.Next(2) == 0 ? "Le " : "De ");
        sb[0] = char.ToUpperInvariant(sb[0]);
        return sb.ToString();
    }

    public static string FirstNames(Random r, bool female)
    {
        var list = female ? FirstNamesF : FirstNamesM;
        var first = list[r.Next(list.Length)];
        return r.Next(4) == 0 ? first + " " + list[r.Next(list.Length)] : first;
    }

    /// <summary>A spelling variant a worker might type for a name heard aloud (same sound key most of the time).</summary>
    public static string PhoneticVariant(string name, Random r)
    {
        var n = name.ToLowerInvariant();
        string[][] swaps = [["ph", "f"], ["f", "ph"], ["y", "i"], ["i", "y"], ["z", "s"], ["s", "z"], ["eau", "o"], ["au", "o"], ["o", "au"], ["bv", "v"], ["qu", "k"], ["c", "k"], ["è", "e"], ["é", "e"], ["ll", "l"], ["l", "ll"], ["t", "tt"], ["n", "nn"]];
        foreach (var _ in Enumerable.Range(0, 4))
        {
            var s = swaps[r.Next(swaps.Length)];
            var at = n.IndexOf(s[0], 1, StringComparison.Ordinal);
            if (at > 0) return n[..at] + s[1] + n[(at + s[0].Length)..];
        }
        return n.EndsWith('e') ? n[..^1] : n + "e";
    }

    public static readonly string[] Streets = ["rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "place de la Mairie", "rue du Moulin", "chemin des Vignes", "boulevard Gambetta", "rue Pasteur", "allée des Tilleuls", "rue de l'Église", "impasse des Lilas", "route de Paris"];
    public static readonly string[] Cities = ["Saint-Martin", "Villeneuve", "Beaulieu", "Montfort", "Bourg-la-Reine", "Fontenay", "Neuville", "Châteauneuf", "Roche-sur-Lac", "Vaux-le-Pont", "Saint-Denis-des-Prés", "Mirecourt"];

    public static readonly string[] Phrases =
    [
        "Point sur la situation budgétaire.", "Dossier de logement social déposé.", "Orientation vers la CAF pour ouverture de droits.",
        "Rendez-vous fixé avec la mission locale.", "Demande d'aide financière pour l'énergie.", "La personne fait état de difficultés de transport.",
        "Accompagnement dans la démarche de renouvellement de titre.", "Échange avec l'école au sujet de l'aîné.", "Plan d'apurement des dettes proposé.",
        "Situation stable depuis le dernier entretien.", "Relance du bailleur effectuée.", "Orientation vers le centre de santé.",
    ];
}
