using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Discret.Web.Shared.Ui;

/// <summary>
/// The error summary at the top of a form: one link per error, to its field (or a plain line for
/// form-level errors). Receives focus when the page loads (site.js), so screen readers announce it.
/// </summary>
[HtmlTargetElement("d-error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ErrorSummaryTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var state = ViewContext.ViewData.ModelState;
        var items = state.Where(kv => kv.Value is { Errors.Count: > 0 })
            .SelectMany(kv => kv.Value!.Errors.Select(e => (Key: kv.Key, Message: e.ErrorMessage)))
            .Where(e => !string.IsNullOrEmpty(e.Message)).ToList();
        if (items.Count == 0)
        {
            output.SuppressOutput();
            return;
        }
        var enc = HtmlEncoder.Default;
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "alert alert-danger discret-error-summary");
        output.Attributes.SetAttribute("role", "alert");
        output.Attributes.SetAttribute("tabindex", "-1");
        output.Attributes.SetAttribute("data-error-summary", "");
        output.Attributes.SetAttribute("aria-labelledby", "error-summary-title");
        var list = string.Concat(items.Select(i => i.Key.Length == 0
            ? $"<li>{enc.Encode(i.Message)}</li>"
            : $"<li><a class=\"alert-link\" href=\"#{FieldIds.For(i.Key)}\">{enc.Encode(i.Message)}</a></li>"));
        var title = items.Count == 1 ? "Le formulaire contient une erreur" : $"Le formulaire contient {items.Count} erreurs";
        output.Content.SetHtmlContent($"<h2 class=\"h5\" id=\"error-summary-title\">{title}</h2><ul class=\"mb-0\">{list}</ul>");
    }
}
