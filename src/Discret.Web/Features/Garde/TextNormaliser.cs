namespace Discret.Web.Features.Garde;

/// <summary>Lower case without accents, one character for one (so positions in the normalised text are positions in the original).</summary>
public static class TextNormaliser
{
    private static readonly char[] Map = BuildMap();

    private static char[] BuildMap()
    {
        var map = new char[0x300];
        for (var i = 0; i < map.Length; i++) map[i] = char.ToLowerInvariant((char)i);
        void Set(string from, char to) { foreach (var c in from) map[c] = to; }
        Set("ÀÁÂÃÄÅàáâãäåĀāĂăĄą", 'a');
        Set("ÇçĆćĈĉĊċČč", 'c');
        Set("ÈÉÊËèéêëĒēĔĕĖėĘęĚě", 'e');
        Set("ÌÍÎÏìíîïĨĩĪīĬĭĮįİı", 'i');
        Set("ÑñŃńŅņŇň", 'n');
        Set("ÒÓÔÕÖØòóôõöøŌōŎŏŐő", 'o');
        Set("ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų", 'u');
        Set("ÝýÿŸŶŷ", 'y');
        Set("ŒœÆæ", 'o');
        Set("\u02BC`´", '\'');
        Set("\u00A0", ' ');
        return map;
    }

    public static char Normalise(char c) => c < Map.Length ? Map[c] : c switch
    {
        '\u2019' or '\u2018' => '\'',
        '\u202F' or '\u2007' or '\u2009' => ' ',
        '\u2010' or '\u2011' or '\u2012' or '\u2013' => '-',
        _ => char.ToLowerInvariant(c),
    };

    public static string Normalise(string text) => string.Create(text.Length, text, static (span, t) =>
    {
        for (var i = 0; i < t.Length; i++) span[i] = Normalise(t[i]);
    });

    public static bool IsWordChar(char c) => char.IsAsciiLetterLower(c) || c > 0x7F && char.IsLetter(c);
}
