using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Discret.Web.Shared.Ui;

/// <summary>
/// A group of checkboxes for a closed list (motives, actions…): a fieldset whose legend names the question,
/// with its hint and error tied to the group. <c>&lt;d-checkboxes for="Input.Motives" legend="Motifs" items="…" /&gt;</c>.
/// The error summary links to the first box (id = field id).
/// </summary>
[HtmlTargetElement("d-checkboxes", TagStructure = TagStructure.WithoutEndTag)]
public sealed class CheckboxesTagHelper : TagHelper
{
    [HtmlAttributeName("for")] public ModelExpression For { get; set; } = null!;
    public string Legend { get; set; } = "";
    public string? Hint { get; set; }
    public IEnumerable<SelectListItem> Items { get; set; } = [];
    /// <summary>"checkbox" (several answers) or "radio" (one answer).</summary>
    public string Type { get; set; } = "checkbox";

    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var enc = HtmlEncoder.Default;
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = FieldIds.For(name);
        var entry = ViewContext.ViewData.ModelState.TryGetValue(name, out var e) ? e : null;
        var errors = entry?.Errors.Select(x => x.ErrorMessage).Where(m => m.Length > 0).ToList() ?? [];
        var selected = entry?.AttemptedValue is { } attempted
            ? attempted.Split(',', StringSplitOptions.TrimEntries).ToHashSet()
            : (For.Model as System.Collections.IEnumerable)?.Cast<object>().Select(o => o.ToString()!).ToHashSet() ?? [];
        var describedBy = new List<string>();
        if (Hint is not null) describedBy.Add(id + "-hint");
        if (errors.Count > 0) describedBy.Add(id + "-error");

        output.TagName = "fieldset";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "mb-3");
        if (describedBy.Count > 0) output.Attributes.SetAttribute("aria-describedby", string.Join(' ', describedBy));
        var html = $"<legend class=\"h5\">{enc.Encode(Legend)}</legend>";
        if (Hint is not null) html += $"<div class=\"form-text mt-0 mb-1\" id=\"{id}-hint\">{enc.Encode(Hint)}</div>";
        if (errors.Count > 0)
            html += $"<p class=\"invalid-feedback d-block mb-1\" id=\"{id}-error\"><span class=\"visually-hidden\">Erreur : </span>{string.Join(" ", errors.Select(enc.Encode))}</p>";
        var index = 0;
        foreach (var item in Items)
        {
            var boxId = index == 0 ? id : $"{id}_{index}";
            html += "<div class=\"form-check\">"
                    + $"<input class=\"form-check-input\" type=\"{(Type == "radio" ? "radio" : "checkbox")}\" id=\"{boxId}\" name=\"{enc.Encode(name)}\" value=\"{enc.Encode(item.Value)}\"{(selected.Contains(item.Value) ? " checked" : "")}>"
                    + $"<label class=\"form-check-label\" for=\"{boxId}\">{enc.Encode(item.Text)}</label></div>";
            index++;
        }
        output.Content.SetHtmlContent(html);
    }
}
