using System.Buffers;
using Discret.Domain.Input;

namespace Discret.Web.Features.Garde;

/// <summary>
/// The sobriety guard: the single implementation every free-text field goes through (pages, API, and the browser
/// through <c>POST /api/v1/garde/analyse</c>). Identifiers (NIR, CAF and AGDREF numbers, IBAN, payment cards,
/// credentials) are refused; vocabulary of health, judgement, GDPR art. 9 categories and offences is warned about.
/// Linear scans and dictionary look-ups only, no regular expressions: a text of 1,000 characters takes microseconds.
/// </summary>
public static class TextGuard
{
    public const string NirMessage = "Numéro de sécurité sociale (NIR) : il ne doit pas figurer dans un texte libre. Discret ne conserve pas le NIR ; il reste sur la carte Vitale et dans les dossiers de l'assurance maladie.";
    public const string CafMessage = "Numéro d'allocataire CAF : il n'a pas sa place dans un texte libre. Discret ne le conserve pas ; il figure sur les courriers de la CAF que la personne détient. Notez seulement la démarche (« dossier CAF mis à jour »).";
    public const string AgdrefMessage = "Numéro de titre de séjour ou d'étranger (AGDREF) : il ne doit pas figurer dans Discret. Notez seulement la démarche, si elle est utile (« renouvellement du titre de séjour en cours »).";
    public const string IbanMessage = "Coordonnées bancaires (IBAN) : Discret ne conserve aucune coordonnée bancaire. Transmettez le RIB directement à l'organisme qui en a besoin.";
    public const string CardMessage = "Numéro de carte bancaire : il ne doit jamais être saisi dans Discret.";
    public const string TaxIdMessage = "Numéro fiscal (SPI) : il ne doit pas figurer dans un texte libre. Discret ne le conserve pas ; il figure sur l'avis d'imposition que la personne détient. Notez seulement la démarche (« déclaration de revenus faite »).";
    public const string CredentialsMessage = "Identifiant ou mot de passe : ne notez jamais les codes d'accès de la personne, nulle part dans Discret. Aidez-la à les conserver elle-même (coffre-fort numérique, carnet personnel).";

    public static string MessageFor(FindingCategory category) => category switch
    {
        FindingCategory.Nir => NirMessage,
        FindingCategory.Caf => CafMessage,
        FindingCategory.Agdref => AgdrefMessage,
        FindingCategory.Iban => IbanMessage,
        FindingCategory.PaymentCard => CardMessage,
        FindingCategory.TaxId => TaxIdMessage,
        FindingCategory.Credentials => CredentialsMessage,
        _ => "",
    };

    public static string Label(this FindingCategory category) => category switch
    {
        FindingCategory.Nir => "NIR",
        FindingCategory.Caf => "numéro CAF",
        FindingCategory.Agdref => "numéro AGDREF",
        FindingCategory.Iban => "IBAN",
        FindingCategory.PaymentCard => "carte bancaire",
        FindingCategory.TaxId => "numéro fiscal",
        FindingCategory.Nationality => "nationalité ou droit au séjour",
        FindingCategory.Credentials => "identifiants",
        FindingCategory.Health => "santé",
        FindingCategory.Judgement => "jugement",
        FindingCategory.SpecialCategory => "catégorie particulière (art. 9 RGPD)",
        FindingCategory.Offence => "infraction",
        _ => ClosedList.Unknown(category),
    };

    public static GuardResult Analyse(string? text) => Analyse(text, Lexicon.Default);

    public static GuardResult Analyse(string? text, Lexicon lexicon)
    {
        if (string.IsNullOrWhiteSpace(text)) return GuardResult.Clean;
        var buffer = ArrayPool<char>.Shared.Rent(text.Length);
        var tokens = ArrayPool<int>.Shared.Rent(text.Length + 2);
        try
        {
            var norm = buffer.AsSpan(0, text.Length);
            for (var i = 0; i < text.Length; i++) norm[i] = TextNormaliser.Normalise(text[i]);
            var tokenCount = Tokenise(norm, tokens);
            var findings = new List<Finding>();
            // Numbers are read in any script's digits (full-width « １８５… » is the NIR all the same), one character for one.
            var digits = AsciiDigits(text);
            ScanIbans(digits, norm, findings);
            ScanRibs(digits, norm, findings);
            var ibans = findings.Count;
            ScanNumbers(digits, norm, findings);
            if (ibans > 0)
                findings.RemoveAll(f => f.Category != FindingCategory.Iban
                    && findings.Any(i => i.Category == FindingCategory.Iban && i.Start <= f.Start && f.Start < i.Start + i.Length));
            ScanCredentials(text, norm, tokens.AsSpan(0, tokenCount * 2), findings);
            var identifiers = findings.Count;
            ScanVocabulary(text, norm, tokens.AsSpan(0, tokenCount * 2), lexicon, findings);
            if (findings.Count == 0) return GuardResult.Clean;
            findings.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
            return new GuardResult(identifiers > 0 ? GuardVerdict.Refused : GuardVerdict.Warned, findings);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
            ArrayPool<int>.Shared.Return(tokens);
        }
    }

    /// <summary>The text with every decimal digit of another script (full-width, Arabic-Indic…) as its ASCII digit, at the same place.</summary>
    private static string AsciiDigits(string text)
    {
        if (!text.AsSpan().ContainsAnyExceptInRange('\u0000', '\u007F')) return text;
        return string.Create(text.Length, text, static (target, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                target[i] = !char.IsAscii(source[i]) && char.IsDigit(source[i]) ? (char)('0' + (int)char.GetNumericValue(source[i])) : source[i];
        });
    }

    /// <summary>Words (runs of letters) as (start, length) pairs.</summary>
    private static int Tokenise(ReadOnlySpan<char> norm, int[] tokens)
    {
        var count = 0;
        var start = -1;
        for (var i = 0; i <= norm.Length; i++)
        {
            var inWord = i < norm.Length && TextNormaliser.IsWordChar(norm[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                tokens[count * 2] = start;
                tokens[count * 2 + 1] = i - start;
                count++;
                start = -1;
            }
        }
        return count;
    }

    private static bool IsSeparator(char c) => c is ' ' or '.' or '-' or '\u00A0' or '\u202F';

    // ---- Runs of digits: NIR, payment card, CAF and AGDREF numbers ----

    /// <summary>
    /// Separators people put between a number's groups when they copy it from a form or dictate it: slashes, commas and
    /// underscores (« 2/89/01/76/199/499/32 », « 2,07,09,33… »). Read for the NIR only: dates and amounts use them too.
    /// </summary>
    private static bool IsOddSeparator(char c) => c is '/' or ',' or '_';

    private static void ScanNumbers(string text, ReadOnlySpan<char> norm, List<Finding> findings)
    {
        Span<char> compact = stackalloc char[64];
        Span<int> starts = stackalloc int[33];   // compact index where each group starts
        Span<int> origins = stackalloc int[33];  // text index where each group starts
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]) || i > 0 && char.IsLetterOrDigit(text[i - 1])) { i++; continue; }
            var chunkStart = i;
            var n = 0;
            var groups = 0;
            var lastEnd = i;
            var shape = new Shape(false, false, true);
            while (i < text.Length && n < compact.Length && groups < starts.Length - 1)
            {
                starts[groups] = n;
                origins[groups] = i;
                groups++;
                var groupStart = n;
                while (i < text.Length && n < compact.Length)
                {
                    var c = text[i];
                    if (char.IsAsciiDigit(c)) compact[n++] = c;
                    else if (n == 6 && compact[5] == '2' && c is 'A' or 'a' or 'B' or 'b' && (i + 1 >= text.Length || !char.IsLetter(text[i + 1]))) compact[n++] = char.ToUpperInvariant(c);
                    else break;
                    i++;
                }
                if (n - groupStart != 2) shape = shape with { Pairs = false };
                lastEnd = i;
                // one separator between groups, or a few spaces (« 2  08  03 … » copied from a form)
                var gap = i;
                if (gap < text.Length && (IsSeparator(text[gap]) || IsOddSeparator(text[gap]))) gap++;
                if (gap > i && text[i] == ' ') while (gap < text.Length && gap - i < 3 && text[gap] == ' ') gap++;
                if (gap > i && gap < text.Length && char.IsAsciiDigit(text[gap]))
                {
                    shape = shape with { Dot = shape.Dot || text[i] == '.', Odd = shape.Odd || IsOddSeparator(text[i]) };
                    i = gap;
                    continue;
                }
                break;
            }
            starts[groups] = n;
            if (i < text.Length && char.IsLetter(text[i]))
            {
                // A CAF number may end with a letter (« 4832205E »); otherwise digits glued to letters ("12h30", "3ème") are no identifier.
                var single = i + 1 >= text.Length || !char.IsLetterOrDigit(text[i + 1]);
                if (single && IsCafNumber(n, shape, WindowBefore(norm, chunkStart)))
                {
                    findings.Add(new(FindingKind.Identifier, FindingCategory.Caf, chunkStart, i + 1 - chunkStart, CafMessage));
                    i++;
                    continue;
                }
                while (i < text.Length && char.IsLetterOrDigit(text[i])) i++;
                if (n < 13) continue;
            }
            CheckChunk(text, norm, compact[..n], starts[..(groups + 1)], origins[..groups], chunkStart, lastEnd, shape, findings);
        }
    }

    /// <summary>How a run of digits was written: with dots, with slashes, commas or underscores, in pairs only.</summary>
    private readonly record struct Shape(bool Dot, bool Odd, bool Pairs);

    private static void CheckChunk(string text, ReadOnlySpan<char> norm, ReadOnlySpan<char> compact, ReadOnlySpan<int> starts, ReadOnlySpan<int> origins,
        int chunkStart, int chunkEnd, Shape shape, List<Finding> findings)
    {
        var n = compact.Length;
        var groups = origins.Length;
        // Whole chunk introduced as a CAF, AGDREF or tax number.
        var window = WindowBefore(norm, chunkStart);
        if (IsCafNumber(n, shape, window))
        {
            findings.Add(new(FindingKind.Identifier, FindingCategory.Caf, chunkStart, chunkEnd - chunkStart, CafMessage));
            return;
        }
        if (n == 10 && !shape.Odd && !(shape.Pairs && compact[0] == '0' && groups == 5) && IntroducesAgdref(window))
        {
            findings.Add(new(FindingKind.Identifier, FindingCategory.Agdref, chunkStart, chunkEnd - chunkStart, AgdrefMessage));
            return;
        }
        if (n == 13 && !shape.Odd && compact[0] is >= '0' and <= '3' && !compact.ContainsAnyExceptInRange('0', '9') && IntroducesTaxNumber(window))
        {
            findings.Add(new(FindingKind.Identifier, FindingCategory.TaxId, chunkStart, chunkEnd - chunkStart, TaxIdMessage));
            return;
        }
        if (n < 13) return;
        // NIR, then cards, on any span of whole groups (a NIR may follow a date in the same run of digits).
        var nirWords = IntroducesNir(WindowBefore(norm, chunkStart, 60));
        var otherReference = !nirWords && ContainsAnyWord(WindowBefore(norm, chunkStart, 30), OtherReferenceWords);
        for (var pass = 0; pass < 2; pass++)
        {
            if (pass == 1 && (ContainsWord(window, "siret") || ContainsWord(window, "siren"))) return;   // a SIRET passes Luhn by design
            for (var s = 0; s < groups; s++)
            {
                for (var e = s + 1; e <= groups; e++)
                {
                    var len = starts[e] - starts[s];
                    if (len < 13) continue;
                    if (len > 19) break;
                    var digits = compact.Slice(starts[s], len);
                    var start = origins[s];
                    var end = e < groups ? EndOfGroup(text, origins[e - 1]) : chunkEnd;
                    var whole = s == 0 && e == groups;
                    // The whole number; its 13 digits alone when the key is left out or set apart (« … 084 clé 91 »), unless
                    // words name another reference (« réf. dossier »); or, after words naming it (« n° sécu »), a NIR whose key was mistyped.
                    if (pass == 0 && (len == 15 && Checksums.IsValidNir(digits) || len == 13 && whole && !otherReference && Checksums.IsNirWithoutKey(digits)
                        || len == 15 && whole && nirWords && Checksums.IsNirWithoutKey(digits[..13]) && !digits[13..].ContainsAnyExceptInRange('0', '9')))
                    {
                        findings.Add(new(FindingKind.Identifier, FindingCategory.Nir, start, end - start, NirMessage));
                        return;
                    }
                    if (pass == 1 && !shape.Odd && Checksums.IsPaymentCard(digits))
                    {
                        findings.Add(new(FindingKind.Identifier, FindingCategory.PaymentCard, start, end - start, CardMessage));
                        return;
                    }
                }
            }
        }
    }

    private static int EndOfGroup(string text, int from)
    {
        while (from < text.Length && char.IsLetterOrDigit(text[from])) from++;
        return from;
    }

    /// <summary>The words just before a number, where what introduces it is written.</summary>
    private static ReadOnlySpan<char> WindowBefore(ReadOnlySpan<char> norm, int start, int length = 45) => norm[Math.Max(0, start - length)..start];

    /// <summary>A CAF or MSA number: 7 or 8 digits, neither dotted (a date, an amount) nor slashed, after words that name it.</summary>
    private static bool IsCafNumber(int digits, Shape shape, ReadOnlySpan<char> window) =>
        digits is 7 or 8 && !shape.Dot && !shape.Odd && IntroducesCaf(window);

    /// <summary>Whether one of the words stands in the text, as a whole word.</summary>
    private static bool ContainsAnyWord(ReadOnlySpan<char> text, ReadOnlySpan<string> words)
    {
        foreach (var word in words)
            if (ContainsWord(text, word)) return true;
        return false;
    }

    private static bool IntroducesCaf(ReadOnlySpan<char> window)
    {
        if (ContainsWord(window, "allocataire") || ContainsWord(window, "alloc")) return true;
        if (!(ContainsWord(window, "caf") || ContainsWord(window, "msa"))) return false;
        return window.Contains("n°", StringComparison.Ordinal) || ContainsWord(window, "no") || ContainsWord(window, "numero")
               || ContainsWord(window, "num") || ContainsWord(window, "matricule") || ContainsWord(window, "identifiant") || ContainsWord(window, "nº");
    }

    private static bool IntroducesTaxNumber(ReadOnlySpan<char> window) =>
        ContainsWord(window, "fiscal") || ContainsWord(window, "fiscale") || ContainsWord(window, "spi");

    /// <summary>Words naming a reference that is no NIR (« réf. dossier 3277404322894 »).</summary>
    private static readonly string[] OtherReferenceWords = ["ref", "reference", "dossier", "commande", "facture", "contrat", "client", "colis", "transaction", "ticket", "suivi", "enregistrement"];

    private static bool IntroducesNir(ReadOnlySpan<char> window) =>
        ContainsWord(window, "secu") || ContainsWord(window, "nss") || window.Contains("assure social", StringComparison.Ordinal) || window.Contains("securite sociale", StringComparison.Ordinal) || ContainsWord(window, "nir")
        || ContainsWord(window, "insee") || ContainsWord(window, "ss") || ContainsWord(window, "vitale") || ContainsWord(window, "immatriculation")
        || ContainsWord(window, "ameli");

    private static bool IntroducesAgdref(ReadOnlySpan<char> window) =>
        ContainsWord(window, "agdref") || window.Contains("titre de sejour", StringComparison.Ordinal) || window.Contains("carte de sejour", StringComparison.Ordinal)
        || ContainsWord(window, "etranger") || ContainsWord(window, "recepisse") || window.Contains("titre sejour", StringComparison.Ordinal);

    private static bool ContainsWord(ReadOnlySpan<char> text, string word)
    {
        var from = 0;
        while (from < text.Length)
        {
            var at = text[from..].IndexOf(word, StringComparison.Ordinal);
            if (at < 0) return false;
            at += from;
            var before = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            var after = at + word.Length >= text.Length || !char.IsLetterOrDigit(text[at + word.Length]);
            if (before && after) return true;
            from = at + 1;
        }
        return false;
    }

    // ---- IBAN ----

    private static readonly Dictionary<string, int> IbanLengths = new()
    {
        ["FR"] = 27, ["MC"] = 27, ["DE"] = 22, ["BE"] = 16, ["ES"] = 24, ["IT"] = 27, ["PT"] = 25, ["GB"] = 22, ["CH"] = 21, ["LU"] = 20,
        ["NL"] = 18, ["AT"] = 20, ["IE"] = 22, ["PL"] = 28, ["RO"] = 24, ["MA"] = 28, ["DZ"] = 26, ["TN"] = 24, ["SN"] = 28, ["CI"] = 28,
        ["TR"] = 26, ["GR"] = 27, ["SE"] = 24, ["DK"] = 18, ["FI"] = 18, ["NO"] = 15, ["CZ"] = 24, ["HU"] = 28, ["BG"] = 22, ["HR"] = 21,
    };

    private static void ScanIbans(string text, ReadOnlySpan<char> norm, List<Finding> findings)
    {
        Span<char> compact = stackalloc char[34];
        for (var i = 0; i + 15 < text.Length; i++)
        {
            if (!char.IsAsciiLetter(text[i]) || !char.IsAsciiLetter(text[i + 1])) continue;
            // the check digits right after the country, or set apart by one space (« FR 76 3000 … »)
            var check = text[i + 2] == ' ' ? i + 3 : i + 2;
            if (!char.IsAsciiDigit(text[check]) || !char.IsAsciiDigit(text[check + 1])) continue;
            if (i > 0 && char.IsLetterOrDigit(text[i - 1])) continue;
            var country = string.Create(2, text, (s, t) => { s[0] = char.ToUpperInvariant(t[i]); s[1] = char.ToUpperInvariant(t[i + 1]); });
            IbanLengths.TryGetValue(country, out var expected);
            var n = 0;
            var j = i;
            var found = -1;
            while (j < text.Length && n < compact.Length)
            {
                var c = text[j];
                if (char.IsAsciiLetterOrDigit(c)) { compact[n++] = c; j++; }
                else if (IsSeparator(c) && c != '.' && n > 0)
                {
                    var next = j + 1;
                    while (next < text.Length && next - j < 3 && text[next] == ' ') next++;
                    if (next < text.Length && char.IsAsciiLetterOrDigit(text[next])) { j = next; continue; }
                    break;
                }
                else break;
                var boundary = j >= text.Length || !char.IsAsciiLetterOrDigit(text[j]);
                if (boundary && n >= 15 && (expected == 0 || n == expected) && Checksums.IsValidIban(compact[..n])) found = j;
            }
            if (found > 0)
            {
                findings.Add(new(FindingKind.Identifier, FindingCategory.Iban, i, found - i, IbanMessage));
                i = found;
            }
        }
    }

    /// <summary>
    /// The French RIB in its national form: bank (5 digits), branch (5), account (11, letters allowed), key (2), written in
    /// groups, with labels between them (« code banque 30004 code guichet … clé RIB 10 », « bq … gui … cpte … cle … ») or
    /// compact; found when its key is right and banking words introduce it.
    /// </summary>
    private static void ScanRibs(string text, ReadOnlySpan<char> norm, List<Finding> findings)
    {
        // the runs of letters and digits holding at least one digit: (start, end)
        var runs = new List<(int Start, int End)>();
        for (var i = 0; i < text.Length;)
        {
            if (!char.IsAsciiLetterOrDigit(text[i])) { i++; continue; }
            var start = i;
            var digit = false;
            while (i < text.Length && char.IsAsciiLetterOrDigit(text[i])) digit |= char.IsAsciiDigit(text[i++]);
            if (digit) runs.Add((start, i));
        }
        Span<char> rib = stackalloc char[23];
        for (var r = 0; r < runs.Count; r++)
        {
            if (!char.IsAsciiDigit(text[runs[r].Start])) continue;
            var inIban = false;
            foreach (var f in findings) inIban |= f.Start <= runs[r].Start && runs[r].Start < f.Start + f.Length;
            if (inIban) continue;   // the BBAN of an IBAN already found is a RIB
            var n = 0;
            for (var k = r; k < runs.Count; k++)
            {
                var (start, end) = runs[k];
                if (k > r && (start - runs[k - 1].End > 40 || norm[runs[k - 1].End..start].IndexOfAny(";\n") >= 0)) break;
                if (n + end - start > 23) break;
                text.AsSpan(start, end - start).CopyTo(rib[n..]);
                n += end - start;
                if (n < 23) continue;
                if (Checksums.IsValidRib(rib) && ContainsAnyWord(norm[Math.Max(0, runs[r].Start - 60)..end], BankWords))
                {
                    findings.Add(new(FindingKind.Identifier, FindingCategory.Iban, runs[r].Start, end - runs[r].Start, IbanMessage));
                    r = k;
                }
                break;
            }
        }
    }

    private static readonly string[] BankWords = ["rib", "banque", "bancaire", "bancaires", "bq", "guichet", "gui", "compte", "cpte", "cle", "etablissement", "iban", "virement"];

    // ---- Credentials ----

    private static readonly string[] SecretWords = ["mdp", "password", "passwd", "pwd", "pass", "motdepasse"];
    private static readonly string[] SecretPhrases = ["mot de passe", "code secret", "code confidentiel", "code pin", "code d'acces", "code acces", "code de connexion", "code personnel"];
    private static readonly string[] LoginWords = ["identifiant", "identifiants", "login", "utilisateur", "username", "user", "id"];
    private static readonly HashSet<string> NotAValue =
    [
        "nous", "il", "elle", "ils", "elles", "on", "je", "la", "le", "les", "un", "une", "a", "en", "oublie", "oubliee", "perdu", "perdus", "change",
        "changes", "modifie", "reinitialise", "renouvele", "voir", "cf", "non", "aucun", "pas", "demande", "fait", "refait", "a", "de", "du", "des",
        "cree", "creer", "envoye", "recu", "bloque", "bloques", "mis", "remis", "transmis", "ok", "valide", "celui", "son", "sa", "ses",
    ];
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NotAValueLookup = NotAValue.GetAlternateLookup<ReadOnlySpan<char>>();

    private static void ScanCredentials(string text, ReadOnlySpan<char> norm, ReadOnlySpan<int> tokens, List<Finding> findings)
    {
        if (LoginAndPassword(text, norm) is { } pair)
        {
            findings.Add(new(FindingKind.Identifier, FindingCategory.Credentials, pair.Start, pair.End - pair.Start, CredentialsMessage));
            return;
        }
        for (var t = 0; t < tokens.Length; t += 2)
        {
            var start = tokens[t];
            var word = norm.Slice(start, tokens[t + 1]);
            var keyEnd = -1;
            if (IsOneOf(word, SecretWords)) keyEnd = start + word.Length;
            else
                foreach (var phrase in SecretPhrases)
                    if (norm[start..].StartsWith(phrase, StringComparison.Ordinal)) { keyEnd = start + phrase.Length; break; }
            if (keyEnd > 0)
            {
                if ((ValueAfter(text, norm, keyEnd, strict: false) ?? SecretAfter(text, norm, keyEnd)) is { } end)
                {
                    findings.Add(new(FindingKind.Identifier, FindingCategory.Credentials, start, end - start, CredentialsMessage));
                    return;
                }
                continue;
            }
            if (word.SequenceEqual("code") && IsAccountCode(norm, start + word.Length) && SecretAfter(text, norm, start + word.Length) is { } codeEnd)
            {
                findings.Add(new(FindingKind.Identifier, FindingCategory.Credentials, start, codeEnd - start, CredentialsMessage));
                return;
            }
            if (word is "question" or "reponse" && AnswerToSecretQuestion(text, norm, start) is { } answerEnd)
            {
                findings.Add(new(FindingKind.Identifier, FindingCategory.Credentials, start, answerEnd - start, CredentialsMessage));
                return;
            }
            if (IsOneOf(word, LoginWords))
            {
                // "login/password", "identifiant … code …": a login followed closely by a secret with its value.
                var rest = norm[(start + word.Length)..Math.Min(norm.Length, start + word.Length + 80)];
                var slash = rest.TrimStart(' ');
                if (slash.Length > 0 && slash[0] == '/' && (slash[1..].TrimStart(' ').StartsWith("pass", StringComparison.Ordinal) || slash[1..].TrimStart(' ').StartsWith("mdp", StringComparison.Ordinal)
                    || slash[1..].TrimStart(' ').StartsWith("mot de passe", StringComparison.Ordinal)))
                {
                    findings.Add(new(FindingKind.Identifier, FindingCategory.Credentials, start, word.Length, CredentialsMessage));
                    return;
                }
                if (ValueAfter(text, norm, start + word.Length, strict: true) is null) continue;
                foreach (var secret in (ReadOnlySpan<string>)["code", "mdp", "mot de passe", "password", "pass"])
                {
                    var at = IndexOfWord(rest, secret);
                    if (at < 0) continue;
                    var keyAt = start + word.Length + at + secret.Length;
                    if (ValueAfter(text, norm, keyAt, strict: true) is { } end)
                    {
                        findings.Add(new(FindingKind.Identifier, FindingCategory.Credentials, start, end - start, CredentialsMessage));
                        return;
                    }
                }
            }
        }
    }

    /// <summary>A run of text between spaces, without the punctuation around it: (start, end) in the text, and whether a sentence ends with it.</summary>
    private static (int Start, int End, bool SentenceEnd)? NextWord(string text, ref int at)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at])) { if (text[at] == '\n') return null; at++; }
        if (at >= text.Length) return null;
        var start = at;
        while (at < text.Length && !char.IsWhiteSpace(text[at])) at++;
        var end = at;
        while (start < end && text[start] is '(' or '«' or '"' or '\'' or '[' or '“') start++;
        var sentenceEnd = false;
        while (end > start && text[end - 1] is ',' or ';' or ':' or ')' or '»' or '"' or '\'' or ']' or '”' or '.')
        {
            sentenceEnd |= text[end - 1] is '.' or ';';
            end--;
        }
        return (start, end, sentenceEnd);
    }

    /// <summary>
    /// What a password looks like: 6 characters or more mixing letters with digits or symbols (« Soleil1987! », « D2mwF2rJ »,
    /// « Bisous.1105 »), not an e-mail address, a time (« 14h30 »), an ordinal (« 3ème ») or a web address.
    /// </summary>
    private static bool LooksLikePassword(ReadOnlySpan<char> word)
    {
        if (word.Length is < 6 or > 40 || word.Contains('@') || word.StartsWith("http", StringComparison.OrdinalIgnoreCase) || word.StartsWith("www.", StringComparison.OrdinalIgnoreCase)) return false;
        var letters = 0;
        var digits = 0;
        var symbols = 0;
        foreach (var c in word)
        {
            if (char.IsLetter(c)) letters++;
            else if (char.IsAsciiDigit(c)) digits++;
            else if ("!#$%&*+=?_.-".Contains(c)) symbols++;
            else return false;
        }
        if (letters == 0) return false;
        if (digits + symbols == 0) return HasInnerCapitals(word);   // « bpaKZCrd »: no word of a note is written so
        if (digits == 0 && symbols > 0 && word.ContainsAny("!#$%&*+=?") is false) return false;   // « jean-pierre », « c.-à-d. »
        var lower = TextNormaliser.Normalise(word.ToString());
        if (char.IsAsciiDigit(lower[0]) && lower.TrimStart("0123456789".AsSpan()) is "h" or "er" or "e" or "eme" or "ieme" or "eur" or "euros" or "ans" or "mois" or "min") return false;
        var h = lower.IndexOf('h');
        return !(h > 0 && lower[..h].All(char.IsAsciiDigit) && lower[(h + 1)..].All(char.IsAsciiDigit));
    }

    private static bool HasInnerCapitals(ReadOnlySpan<char> word)
    {
        var inner = 0;
        var lower = 0;
        for (var i = 0; i < word.Length; i++)
        {
            if (char.IsLower(word[i])) lower++;
            else if (i > 0 && char.IsUpper(word[i])) inner++;
        }
        return inner >= 2 && lower >= 2;
    }

    /// <summary>A group of an activation code, after a colon: capitals and digits (« N837 », « ZJZH »), a digit among them somewhere.</summary>
    private static bool LooksLikeCodeGroup(ReadOnlySpan<char> word) =>
        word.Length is >= 4 and <= 8 && !word.ContainsAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") && word.ContainsAnyInRange('0', '9') && word.ContainsAnyInRange('A', 'Z');

    /// <summary>A numeric code: 4 to 8 digits, not a year (« 1987 », « 2024 ») unless given after a colon.</summary>
    private static bool LooksLikeCode(ReadOnlySpan<char> word, bool afterColon) =>
        word.Length is >= 4 and <= 8 && !word.ContainsAnyExceptInRange('0', '9')
        && (afterColon || !(word.Length == 4 && word[0] is '1' or '2' && word[1] is '9' or '0'));

    /// <summary>
    /// A secret given after its keyword, a few words later in the same sentence: « mdp ameli Choupette.5635 », « mdp
    /// provisoire reçu par courrier : DXSQ3tbc », « code reçu par SMS pour valider le compte ameli : 174237 ».
    /// </summary>
    private static int? SecretAfter(string text, ReadOnlySpan<char> norm, int from)
    {
        var at = from;
        var afterColon = false;
        for (var w = 0; w < 10 && at < Math.Min(text.Length, from + 70); w++)
        {
            var gapStart = at;
            if (NextWord(text, ref at) is not { } word) return null;
            if (word.End == word.Start) { w--; afterColon = true; continue; }   // a colon standing alone
            afterColon |= text.AsSpan(gapStart, word.Start - gapStart).Contains(':') || gapStart > 0 && text[gapStart - 1] == ':';
            var value = text.AsSpan(word.Start, word.End - word.Start);
            var plain = norm[word.Start..word.End];
            if (DoorWordsLookup.Contains(plain[(plain.LastIndexOf('\'') + 1)..])) return null;
            if (LooksLikePassword(value) || LooksLikeCode(value, afterColon) && !FollowedByUnit(norm, word.End) || afterColon && LooksLikeCodeGroup(value)) return word.End;
            if (word.SentenceEnd) return null;
            if (at < text.Length && text[at - 1] == ':') afterColon = true;
        }
        return null;
    }

    private static bool FollowedByUnit(ReadOnlySpan<char> norm, int end)
    {
        var rest = norm[end..].TrimStart(' ');
        return rest.StartsWith("€") || rest.StartsWith("eur") || rest.StartsWith("ans") || rest.StartsWith("mois") || rest.StartsWith("km");
    }

    /// <summary>Places whose entry codes are not an account's (a door code is no credential).</summary>
    private static readonly HashSet<string> DoorWords = ["immeuble", "porte", "portail", "batiment", "residence", "interphone", "hall", "digicode", "garage", "cave", "cadenas", "casier"];
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> DoorWordsLookup = DoorWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Whether « code » here names an account's code (« code France Connect », « code de l'appli bancaire », « code reçu par
    /// SMS ») rather than a postal, legal, bank or classification code (« code postal », « code du travail », « code guichet »).
    /// </summary>
    private static bool IsAccountCode(ReadOnlySpan<char> norm, int from)
    {
        var rest = norm[from..];
        var i = 0;
        // the first content word after « code », past « de la », « du », « d' »
        while (true)
        {
            while (i < rest.Length && !TextNormaliser.IsWordChar(rest[i])) { if (char.IsAsciiDigit(rest[i])) return true; i++; }
            var start = i;
            while (i < rest.Length && TextNormaliser.IsWordChar(rest[i])) i++;
            if (start == i) return false;
            var word = rest[start..i];
            if (word is "de" or "du" or "des" or "la" or "le" or "l" or "d") continue;
            return !NotAnAccountCodeLookup.Contains(word);
        }
    }

    private static readonly HashSet<string> NotAnAccountCode =
    [
        "postal", "postaux", "ape", "naf", "route", "civil", "penal", "travail", "guichet", "banque", "etablissement", "insee", "commune",
        "barre", "barres", "couleur", "couleurs", "conduite", "rome", "vestimentaire", "general", "deontologie", "client", "article",
        "dossier", "produit", "promo", "tarif", "famille", "action", "sante", "securite", "consommation", "electoral", "commerce",
        "urbanisme", "justice", "education", "procedure", "construction", "habitation", "immeuble", "porte", "portail", "entree",
        "interphone", "source", "erreur", "cim", "ccam", "nature", "activite", "operation", "rejet", "motif", "iban", "bic", "swift",
        "pays", "departement", "region", "lot", "ligne", "budgetaire", "analytique", "comptable", "prestation",
    ];
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NotAnAccountCodeLookup = NotAnAccountCode.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The answer to a secret question: « question secrète (nom du 1er animal) : Oscar », « réponse secrète : Pompon ».</summary>
    private static int? AnswerToSecretQuestion(string text, ReadOnlySpan<char> norm, int start)
    {
        var rest = norm[start..Math.Min(norm.Length, start + 90)];
        if (!(rest.StartsWith("question secrete") || rest.StartsWith("reponse secrete") || rest.StartsWith("question de securite")
              || rest.StartsWith("reponse a la question") || rest.StartsWith("question personnelle") || rest.StartsWith("reponse a sa question"))) return null;
        var colon = rest.IndexOfAny(":=");
        if (colon < 0) return null;
        var stop = rest.IndexOfAny(".;\n");
        if (stop >= 0 && stop < colon && !(rest[stop] == '.' && stop + 1 < rest.Length && rest[stop + 1] != ' ')) return null;
        var at = start + colon + 1;
        if (NextWord(text, ref at) is not { } answer || answer.End - answer.Start < 2) return null;
        return NotAValueLookup.Contains(norm[answer.Start..answer.End]) ? null : answer.End;
    }

    private static readonly string[] AccountWords = ["login", "identifiant", "identifiants", "connexion", "connecter", "acces", "compte", "id", "user", "utilisateur", "messagerie", "mail", "email"];

    /// <summary>
    /// An account and its password side by side: an e-mail address, or a login after words of connection, then a
    /// password (« mme.x@yahoo.fr et Titou2007 », « connexion avec samir.bouon et tigrou13! », « login … : torin.nordine78 / Galaxie1988* »).
    /// </summary>
    private static (int Start, int End)? LoginAndPassword(string text, ReadOnlySpan<char> norm)
    {
        var at = 0;
        while (at < text.Length)
        {
            if (NextWord(text, ref at) is not { } login) { at++; continue; }
            var value = text.AsSpan(login.Start, login.End - login.Start);
            var email = value.IndexOf('@') is > 0 and var a && value[a..].Contains('.');
            var loginLike = !email && value.Length >= 5 && value.ContainsAny("._0123456789") && char.IsLetter(value[0])
                            && AfterAccountWords(norm, login.Start);
            if (!(email || loginLike) || login.SentenceEnd) continue;
            var next = at;
            // the words between: « / », « et », « + », « mdp », « mot de passe »
            for (var w = 0; w < 4; w++)
            {
                if (NextWord(text, ref next) is not { } candidate) break;
                if (LooksLikePassword(text.AsSpan(candidate.Start, candidate.End - candidate.Start))) return (login.Start, candidate.End);
                if (candidate.SentenceEnd || norm[candidate.Start..candidate.End] is not ("" or "et" or "puis" or "mdp" or "mot" or "de" or "passe" or "pwd" or "password" or "/" or "+" or "-" or "|")) break;
            }
        }
        return null;
    }

    private static bool AfterAccountWords(ReadOnlySpan<char> norm, int start) => ContainsAnyWord(WindowBefore(norm, start, 50), AccountWords);

    private static bool IsOneOf(ReadOnlySpan<char> word, string[] words)
    {
        foreach (var w in words) if (word.SequenceEqual(w)) return true;
        return false;
    }

    private static int IndexOfWord(ReadOnlySpan<char> text, string word)
    {
        var from = 0;
        while (from < text.Length)
        {
            var at = text[from..].IndexOf(word, StringComparison.Ordinal);
            if (at < 0) return -1;
            at += from;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (at + word.Length >= text.Length || !char.IsLetter(text[at + word.Length]))) return at;
            from = at + 1;
        }
        return -1;
    }

    /// <summary>
    /// The end of a secret's value after a keyword: "mdp : Soleil", "mot de passe = x", "mot de passe provisoire : x",
    /// "code est 4589". Ordinary words after a colon ("mot de passe : nous l'avons changé") are not a value.
    /// Strict (after a login): the value must follow a colon, an equals sign, "est", or directly, and hold a digit or symbol unless after a colon.
    /// </summary>
    private static int? ValueAfter(string text, ReadOnlySpan<char> norm, int from, bool strict)
    {
        var i = from;
        var limit = Math.Min(norm.Length, from + 30);
        // skip a few qualifying words ("provisoire", "du compte ameli") up to the colon, without crossing a sentence end
        var colon = -1;
        for (var k = i; k < limit; k++)
        {
            var c = norm[k];
            if (c is ':' or '=') { colon = k; break; }
            if (c is '.' or ';' or '\n' or ',' or '(' or ')') break;
        }
        if (colon >= 0) i = colon + 1;
        while (i < norm.Length && norm[i] == ' ') i++;
        if (colon < 0)
        {
            // "… est X" (possibly after a few words: "code confidentiel de sa carte est 1974"), or the value right after the keyword
            var sentence = norm[i..Math.Min(norm.Length, i + 40)];
            var stop = sentence.IndexOfAny(".;,\n");
            if (stop >= 0) sentence = sentence[..stop];
            var est = IndexOfWord(sentence, "est");
            if (est >= 0) i += est + 3;
            while (i < norm.Length && norm[i] == ' ') i++;
        }
        var valueStart = i;
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && !(text[i] is ',' or ';' or ')' || text[i] == '.' && (i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1])))) i++;
        var value = text.AsSpan(valueStart, i - valueStart);
        if (value.Length < 3 && !(value.Length >= 1 && colon >= 0 && value.ContainsAnyInRange('0', '9'))) return null;
        var valueNorm = norm.Slice(valueStart, i - valueStart).TrimEnd("'\"»".AsSpan());
        if (NotAValueLookup.Contains(valueNorm)) return null;
        var hasDigitOrSymbol = value.ContainsAnyInRange('0', '9') || value.IndexOfAny("!@#$%&*_+=?/\\".AsSpan()) >= 0;
        if (colon < 0 && !hasDigitOrSymbol) return null;
        if (!hasDigitOrSymbol)
        {
            // a plain word is a password only when it stands alone ("mdp : hortensia"), not when a sentence goes on
            // ("mot de passe : réinitialisation faite avec elle"); passwords rarely carry accents
            if (value.ContainsAnyExceptInRange('\0', '\x7F')) return null;
            var next = i;
            while (next < text.Length && text[next] == ' ') next++;
            if (next > i && next < text.Length && char.IsLetter(text[next])) return null;
        }
        return i;
    }

    // ---- Vocabulary ----

    private static void ScanVocabulary(string text, ReadOnlySpan<char> norm, ReadOnlySpan<int> tokens, Lexicon lexicon, List<Finding> findings)
    {
        var byForm = lexicon.ByForm.GetAlternateLookup<ReadOnlySpan<char>>();
        var byStem = lexicon.ByStem.GetAlternateLookup<ReadOnlySpan<char>>();
        var count = tokens.Length / 2;
        List<(int Start, int End, LexiconEntry? Entry)>? hits = null;
        for (var t = 0; t < count; t++)
        {
            var word = norm.Slice(tokens[t * 2], tokens[t * 2 + 1]);
            if (byForm.TryGetValue(word, out var patterns)) TryPatterns(patterns, t, norm, tokens, ref hits);
            foreach (var len in lexicon.StemLengths)
            {
                if (len > word.Length) break;
                if (byStem.TryGetValue(word[..len], out var stems)) TryPatterns(stems, t, norm, tokens, ref hits);
            }
        }
        if (hits is null) return;

        // Exceptions neutralise what they overlap; among overlapping entries the longest wins.
        hits.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var end = -1;
        foreach (var hit in hits)
        {
            if (hit.Entry is not { } entry) continue;
            if (hit.Start < end) continue;
            var excepted = false;
            foreach (var other in hits)
                if (other.Entry is null && other.Start < hit.End && hit.Start < other.End) { excepted = true; break; }
            if (excepted) continue;
            var found = text[hit.Start..hit.End];
            findings.Add(new(FindingKind.Vocabulary, entry.Category, hit.Start, hit.End - hit.Start,
                $"« {found} » ({entry.Category.Label()}) : {entry.Reason}"));
            end = hit.End;
        }
    }
    /// <summary>Whether the word before token t names a person (« Mme », « famille »), possibly with an initial between (« Mme B. »).</summary>
    private static bool AfterPerson(int t, ReadOnlySpan<char> norm, ReadOnlySpan<int> tokens)
    {
        var p = t - 1;
        // « Mme est chinoise », « Mr n'est pas … » no; « Mme non européenne »
        if (p > 0 && norm.Slice(tokens[p * 2], tokens[p * 2 + 1]) is "est" or "etait" or "non") p--;
        if (p >= 0 && tokens[p * 2 + 1] == 1 && p > 0 && Lexicon.IsPersonWord.Contains(norm.Slice(tokens[(p - 1) * 2], tokens[(p - 1) * 2 + 1]))) return true;
        return p >= 0 && Lexicon.IsPersonWord.Contains(norm.Slice(tokens[p * 2], tokens[p * 2 + 1]));
    }

    private static void TryPatterns(List<Lexicon.Pattern> patterns, int t, ReadOnlySpan<char> norm, ReadOnlySpan<int> tokens, ref List<(int Start, int End, LexiconEntry? Entry)>? hits)
    {
        var count = tokens.Length / 2;
        foreach (var p in patterns)
        {
            if (t + p.Words.Length > count) continue;
            var ok = true;
            for (var w = 1; w < p.Words.Length && ok; w++)
                ok = p.Words[w].Matches(norm.Slice(tokens[(t + w) * 2], tokens[(t + w) * 2 + 1]));
            if (!ok || p.AfterPerson && !AfterPerson(t, norm, tokens)) continue;
            var last = t + p.Words.Length - 1;
            (hits ??= []).Add((tokens[t * 2], tokens[last * 2] + tokens[last * 2 + 1], p.Entry));
        }
    }
}
