using System.Reflection;

namespace Discret.Web.Features.Garde;

/// <summary>One lexicon entry as the DPO reads it: the term, its category and why it calls for a second look.</summary>
public sealed record LexiconEntry(FindingCategory Category, string Term, string Reason);

/// <summary>
/// The French vocabulary the guard warns about, read from the embedded files <c>Guard/Lexicons/*.tsv</c>
/// (one entry a line: term, tab, reason; <c>#</c> starts a comment). A term is one or more words; a word ending in
/// <c>*</c> matches every word starting with it, another word also matches its plural and feminine forms. Terms are
/// written in lower case without accents, like the normalised text they are matched against.
/// A term starting with <c>&lt;personne&gt;</c> matches only right after a word naming a person (<see cref="PersonWords"/>):
/// « Mme algérienne » is a statement about someone, « restaurant marocain » is not.
/// The file <c>exceptions.tsv</c> lists phrases that neutralise any match they overlap ("assurance maladie").
/// </summary>
public sealed class Lexicon
{
    public static readonly IReadOnlyDictionary<string, FindingCategory> Files = new Dictionary<string, FindingCategory>
    {
        ["sante.tsv"] = FindingCategory.Health,
        ["jugement.tsv"] = FindingCategory.Judgement,
        ["categories-particulieres.tsv"] = FindingCategory.SpecialCategory,
        ["infractions.tsv"] = FindingCategory.Offence,
        ["nationalite-sejour.tsv"] = FindingCategory.Nationality,
    };

    public const string PersonMarker = "<personne>";

    /// <summary>
    /// The words that name a person in a worker's notes (civility, family role, status), after which a <c>&lt;personne&gt;</c>
    /// term is read as said of someone. Matched with their plurals and feminine forms; one initial may stand between
    /// (« Mme B. algérienne »).
    /// </summary>
    public static readonly IReadOnlyList<string> PersonWords =
    [
        "m", "mr", "mme", "mlle", "monsieur", "madame", "mademoiselle", "famille", "couple", "menage", "foyer", "ressortissant",
        "mna", "mineur", "jeune", "enfant", "fils", "fille", "pere", "mere", "parent", "epoux", "epouse", "conjoint", "concubin",
        "compagnon", "compagne", "homme", "femme", "garcon", "bebe", "frere", "soeur", "personne", "usager", "beneficiaire",
        "locataire", "patient", "demandeur",
    ];

    private static readonly HashSet<string> PersonForms = PersonWords.SelectMany(Inflections).ToHashSet();
    internal static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> IsPersonWord = PersonForms.GetAlternateLookup<ReadOnlySpan<char>>();

    public const string ExceptionsFile = "exceptions.tsv";

    internal sealed record Pattern(Word[] Words, LexiconEntry? Entry, bool AfterPerson);

    internal sealed class Word(string text, bool stem)
    {
        public string Text { get; } = text;
        public bool Stem { get; } = stem;
        public HashSet<string> Forms { get; } = stem ? [] : Inflections(text);

        public bool Matches(ReadOnlySpan<char> token) => Stem ? token.StartsWith(Text) : Forms.GetAlternateLookup<ReadOnlySpan<char>>().Contains(token);
    }

    public IReadOnlyList<LexiconEntry> Entries { get; }
    public IReadOnlyList<(string Phrase, string Reason)> Exceptions { get; }

    /// <summary>First-word form (or stem) → the patterns starting with it.</summary>
    internal Dictionary<string, List<Pattern>> ByForm { get; } = [];
    internal Dictionary<string, List<Pattern>> ByStem { get; } = [];
    internal int[] StemLengths { get; }

    public Lexicon(IEnumerable<LexiconEntry> entries, IEnumerable<(string Phrase, string Reason)> exceptions)
    {
        Entries = entries.ToList();
        Exceptions = exceptions.ToList();
        foreach (var e in Entries) Add(e.Term, e);
        foreach (var (phrase, _) in Exceptions) Add(phrase, null);
        StemLengths = ByStem.Keys.Select(k => k.Length).Distinct().Order().ToArray();
    }

    private void Add(string term, LexiconEntry? entry)
    {
        var afterPerson = term.StartsWith(PersonMarker, StringComparison.Ordinal);
        if (afterPerson) term = term[PersonMarker.Length..];
        var words = Tokens(TextNormaliser.Normalise(term)).Select(w => w.EndsWith('*') ? new Word(w[..^1], true) : new Word(w, false)).ToArray();
        if (words.Length == 0) return;
        var pattern = new Pattern(words, entry, afterPerson);
        var first = words[0];
        if (first.Stem) Bucket(ByStem, first.Text).Add(pattern);
        else foreach (var form in first.Forms) Bucket(ByForm, form).Add(pattern);
    }

    private static List<Pattern> Bucket(Dictionary<string, List<Pattern>> map, string key)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        return list;
    }

    private static IEnumerable<string> Tokens(string term)
    {
        var start = -1;
        for (var i = 0; i <= term.Length; i++)
        {
            var inWord = i < term.Length && (TextNormaliser.IsWordChar(term[i]) || term[i] == '*');
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0) { yield return term[start..i]; start = -1; }
        }
    }

    /// <summary>The word, its plurals and its feminine forms (regular French inflections).</summary>
    internal static HashSet<string> Inflections(string w)
    {
        var forms = new HashSet<string> { w };
        void Add(params string[] xs) { foreach (var x in xs) forms.Add(x); }
        if (w.Length <= 3) { Add(w + "s"); return forms; }
        Add(w + "s", w + "x", w + "e", w + "es");
        if (w.EndsWith("eux")) Add(w[..^1] + "se", w[..^1] + "ses");
        if (w.EndsWith("eur")) Add(w[..^1] + "se", w[..^1] + "ses");
        if (w.EndsWith("teur")) Add(w[..^3] + "rice", w[..^3] + "rices");
        if (w.EndsWith("if")) Add(w[..^1] + "ve", w[..^1] + "ves");
        if (w.EndsWith("al")) Add(w[..^1] + "ux");
        if (w.EndsWith("el") || w.EndsWith("en") || w.EndsWith("on")) Add(w + w[^1] + "e", w + w[^1] + "es");
        if (w.EndsWith("er")) Add(w[..^2] + "ere", w[..^2] + "eres");
        if (w.EndsWith("e")) Add(w + "s");
        if (w.EndsWith("s") || w.EndsWith("x")) Add(w + "e", w + "es");
        return forms;
    }

    private static Lexicon? _default;

    /// <summary>The lexicons shipped with Discret.</summary>
    public static Lexicon Default => _default ??= Load();

    private static Lexicon Load()
    {
        var assembly = typeof(Lexicon).Assembly;
        var entries = new List<LexiconEntry>();
        foreach (var (file, category) in Files)
            foreach (var (term, reason) in Read(assembly, file)) entries.Add(new LexiconEntry(category, term, reason));
        return new Lexicon(entries, Read(assembly, ExceptionsFile));
    }

    private static IEnumerable<(string, string)> Read(Assembly assembly, string file)
    {
        using var stream = assembly.GetManifestResourceStream("Discret.Web.Features.Garde.Lexicons." + file)
                           ?? throw new InvalidOperationException($"Lexique introuvable : {file}");
        using var reader = new StreamReader(stream);
        var rows = new List<(string, string)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var tab = line.IndexOf('\t');
            if (tab <= 0) throw new InvalidOperationException($"Ligne de lexique sans raison dans {file} : {line}");
            rows.Add((line[..tab].Trim(), line[(tab + 1)..].Trim()));
        }
        return rows;
    }
}
