namespace Discret.Web.Features.InformationDesPersonnes;

public enum NoticeBlock { Title, Heading, Paragraph, Item, Term, Definition }

/// <summary>One sentence (or line) of the notice as the page shows it: the unit a translation is entered for.</summary>
public sealed record NoticeSegment(NoticeBlock Kind, string Text);

/// <summary>
/// The notice's text in reading order, one place for its structure: the French page and every translated page render
/// these segments (<c>_NoticeText</c>), and the translation form lists them. A new sentence in the notice is thus a new
/// segment to translate, never a sentence a translated notice silently lacks.
/// </summary>
public static class NoticeText
{
    public const string Introduction = "Le service social vous accompagne. Pour cela, il enregistre des informations sur vous dans un logiciel, Discret. Cette notice vous dit lesquelles, pourquoi, qui les voit, combien de temps elles sont gardées, et quels sont vos droits.";

    public static IReadOnlyList<NoticeSegment> Of(NoticeContent c)
    {
        List<NoticeSegment> s = [new(NoticeBlock.Title, NoticeContent.Title), new(NoticeBlock.Paragraph, Introduction)];
        void Heading(string text) => s.Add(new(NoticeBlock.Heading, text));
        void Items(IEnumerable<string> lines) => s.AddRange(lines.Select(l => new NoticeSegment(NoticeBlock.Item, l)));

        Heading("Qui est responsable de vos informations ?");
        s.Add(new(NoticeBlock.Paragraph, $"{c.Controller}{(c.ControllerAddress.Length > 0 ? ", " + c.ControllerAddress : "")}. Délégué à la protection des données : {c.DpoContact}."));
        Heading("Pourquoi ?");
        Items(c.Purposes.Select(p => $"{p.Purpose}. Base légale : {p.LegalBasis}."));
        Heading("Quelles informations ?");
        foreach (var category in c.Categories)
        {
            s.Add(new(NoticeBlock.Term, category.Category));
            s.Add(new(NoticeBlock.Definition, $"{string.Join(" ; ", category.Items)}. Elles viennent de : {string.Join(", ", category.Sources).ToLowerInvariant()}."));
        }
        Heading("Qui les voit ?");
        Items([.. c.Recipients.Select(r => r.Describe()), .. c.OtherReaders ?? [], NoticeContent.NoOneElse]);
        Heading("Combien de temps ?");
        Items(c.Retention.Select(r => $"{string.Join(", ", r.Categories)} : {r.Rule}."));
        if (c.Mandates is { Count: > 0 } mandates)
        {
            Heading(NoticeContent.MandatesHeading);
            Items(mandates);
        }
        Heading("Vos droits");
        Items(c.Rights);
        Heading("Nos engagements");
        Items(c.Commitments);
        return s;
    }
}

/// <summary>What <c>_NoticeText</c> renders: the segments, each with its translation when there is one (null: French).</summary>
public sealed record NoticeTextView(IReadOnlyList<NoticeSegment> Segments, Func<NoticeSegment, string?> Translation)
{
    /// <summary>The French notice itself: no segment is marked as French.</summary>
    public static NoticeTextView French(NoticeContent notice) => new(NoticeText.Of(notice), _ => null) { Translated = false };

    public bool Translated { get; init; } = true;
}
