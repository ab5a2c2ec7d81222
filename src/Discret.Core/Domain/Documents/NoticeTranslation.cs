using System.Security.Cryptography;
using System.Text;
using Discret.Domain.Input;

namespace Discret.Domain.Documents;

/// <summary>
/// The languages the information notice may be translated into (the département chooses which it provides): the
/// languages most spoken by the persons French social services receive. Stored by name; <see cref="NoticeLanguages.Code"/>
/// is the BCP 47 tag the page declares (<c>lang</c>), <see cref="NoticeLanguages.RightToLeft"/> its direction.
/// </summary>
public enum NoticeLanguage
{
    Anglais, Espagnol, Portugais, Italien, Allemand, Roumain, Polonais, Albanais, Georgien, Russe, Ukrainien, Turc,
    Arabe, Persan, Pachto, Tamoul, Bengali, Chinois, Vietnamien,
}

public static class NoticeLanguages
{
    public static string Label(this NoticeLanguage l) => l switch
    {
        NoticeLanguage.Anglais => "Anglais", NoticeLanguage.Espagnol => "Espagnol", NoticeLanguage.Portugais => "Portugais",
        NoticeLanguage.Italien => "Italien", NoticeLanguage.Allemand => "Allemand", NoticeLanguage.Roumain => "Roumain",
        NoticeLanguage.Polonais => "Polonais", NoticeLanguage.Albanais => "Albanais", NoticeLanguage.Georgien => "Géorgien",
        NoticeLanguage.Russe => "Russe", NoticeLanguage.Ukrainien => "Ukrainien", NoticeLanguage.Turc => "Turc",
        NoticeLanguage.Arabe => "Arabe", NoticeLanguage.Persan => "Persan (dari)", NoticeLanguage.Pachto => "Pachto",
        NoticeLanguage.Tamoul => "Tamoul", NoticeLanguage.Bengali => "Bengali", NoticeLanguage.Chinois => "Chinois",
        NoticeLanguage.Vietnamien => "Vietnamien",
        _ => ClosedList.Unknown(l),
    };

    public static string Code(this NoticeLanguage l) => l switch
    {
        NoticeLanguage.Anglais => "en", NoticeLanguage.Espagnol => "es", NoticeLanguage.Portugais => "pt", NoticeLanguage.Italien => "it",
        NoticeLanguage.Allemand => "de", NoticeLanguage.Roumain => "ro", NoticeLanguage.Polonais => "pl", NoticeLanguage.Albanais => "sq",
        NoticeLanguage.Georgien => "ka", NoticeLanguage.Russe => "ru", NoticeLanguage.Ukrainien => "uk", NoticeLanguage.Turc => "tr",
        NoticeLanguage.Arabe => "ar", NoticeLanguage.Persan => "prs", NoticeLanguage.Pachto => "ps", NoticeLanguage.Tamoul => "ta",
        NoticeLanguage.Bengali => "bn", NoticeLanguage.Chinois => "zh", NoticeLanguage.Vietnamien => "vi",
        _ => ClosedList.Unknown(l),
    };

    public static bool RightToLeft(this NoticeLanguage l) => l is NoticeLanguage.Arabe or NoticeLanguage.Persan or NoticeLanguage.Pachto;

    /// <summary>The language of that code (« en », « ar »…), or null: what the pages' addresses carry.</summary>
    public static NoticeLanguage? FromCode(string? code) =>
        Enum.GetValues<NoticeLanguage>().Cast<NoticeLanguage?>().FirstOrDefault(l => l!.Value.Code() == code);
}

/// <summary>
/// The translation of one French sentence of the information notice into one language, entered by the département (its
/// translator, through the DPO): the notice is generated in French from the catalogue, and each of its sentences is
/// looked up here by its text. A sentence that changes in a new version of the notice has no translation until one is
/// entered, and the translated notice shows it in French meanwhile; the French notice is always the reference.
/// </summary>
public class NoticeTranslation
{
    public const int MaxLength = 2000;

    private NoticeTranslation() { }

    public NoticeTranslation(NoticeLanguage language, string source, string text, Guid translatedById, DateTime now)
    {
        Language = language;
        Source = source;
        SourceHash = HashOf(source);
        Change(text, translatedById, now);
    }

    public NoticeLanguage Language { get; private set; }
    /// <summary>SHA-256 (hex) of <see cref="Source"/>: the key, as sentences can be long.</summary>
    public string SourceHash { get; private set; } = "";
    /// <summary>The French sentence, as the notice prints it.</summary>
    public string Source { get; private set; } = "";
    public string Text { get; private set; } = "";
    public Guid TranslatedById { get; private set; }
    public DateTime TranslatedAt { get; private set; }

    public void Change(string text, Guid translatedById, DateTime now)
    {
        Text = text;
        TranslatedById = translatedById;
        TranslatedAt = now;
    }

    public static string HashOf(string source) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)));
}
