using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using System.Text.Encodings.Web;

namespace Discret.Web.Shared.Ui;

/// <summary>
/// A form field: label, optional hint, the input, and its error message, tied together by <c>aria-describedby</c>
/// and <c>aria-invalid</c>. <c>&lt;d-field for="Input.Login" label="Identifiant" /&gt;</c>.
/// Types: text (default), password, email, color, number, date, datetime-local, textarea, select (with <c>items</c>), checkbox, file.
/// </summary>
[HtmlTargetElement("d-field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper : TagHelper
{
    [HtmlAttributeName("for")] public ModelExpression For { get; set; } = null!;
    public string Label { get; set; } = "";
    public string? Hint { get; set; }
    public string Type { get; set; } = "text";
    public string? Autocomplete { get; set; }
    public IEnumerable<SelectListItem>? Items { get; set; }
    public bool Required { get; set; }
    public string? Inputmode { get; set; }
    public int? Maxlength { get; set; }
    public string? Accept { get; set; }
    /// <summary>The language of the text typed, when it is not French (a translation): <c>lang</c> and <c>dir</c> of the input.</summary>
    public string? Lang { get; set; }
    public string? Dir { get; set; }
    /// <summary>Extra CSS class on the wrapper (e.g. a width class).</summary>
    public string? Class { get; set; }
    /// <summary>
    /// Free text checked by the sobriety guard as the worker types (<c>wwwroot/js/guard.js</c>): renders
    /// <c>data-guard</c> and a polite live region, described by the field, where the findings appear.
    /// The server check on submit stays the rule.
    /// </summary>
    public bool Guard { get; set; }

    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        // Inside a partial rendered with for="Input", the expression "Source" is the field "Input.Source".
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = FieldIds.For(name);
        var entry = ViewContext.ViewData.ModelState.TryGetValue(name, out var e) ? e : null;
        var errors = entry?.Errors.Select(x => x.ErrorMessage).Where(m => !string.IsNullOrEmpty(m)).ToList() ?? [];
        var invalid = entry?.ValidationState == ModelValidationState.Invalid && errors.Count > 0;
        var describedBy = new List<string>();
        if (Hint is not null) describedBy.Add(id + "-hint");
        if (invalid) describedBy.Add(id + "-error");
        if (Guard) describedBy.Add(id + "-guard");

        var enc = HtmlEncoder.Default;
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", (Type == "checkbox" ? "form-check mb-3" : "mb-3") + (Class is null ? "" : " " + Class));

        var label = $"<label class=\"{(Type == "checkbox" ? "form-check-label" : "form-label")}\" for=\"{id}\">{enc.Encode(Label)}"
                    + (Required ? " <span class=\"text-body-secondary small\">(obligatoire)</span>" : "") + "</label>";
        var hint = Hint is null ? "" : $"<div class=\"form-text mt-0 mb-1\" id=\"{id}-hint\">{enc.Encode(Hint)}</div>";
        var error = invalid
            ? $"<p class=\"invalid-feedback d-block mb-1\" id=\"{id}-error\"><span class=\"visually-hidden\">Erreur : </span>{string.Join(" ", errors.Select(enc.Encode))}</p>"
            : "";

        var attrs = new Dictionary<string, string?>
        {
            ["id"] = id,
            ["name"] = name,
            ["aria-describedby"] = describedBy.Count > 0 ? string.Join(' ', describedBy) : null,
            ["aria-invalid"] = invalid ? "true" : null,
            ["autocomplete"] = Autocomplete,
            ["required"] = Required ? "required" : null,
            ["inputmode"] = Inputmode,
            ["maxlength"] = Maxlength?.ToString(),
            ["accept"] = Accept,
            ["data-guard"] = Guard ? "" : null,
            ["lang"] = Lang,
            ["dir"] = Dir,
        };
        var value = entry?.AttemptedValue ?? (For.Model is IFormattable f && Type is "date" or "datetime-local"
            ? f.ToString(Type == "date" ? "yyyy-MM-dd" : "yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture)
            : For.Model?.ToString());
        string input;
        switch (Type)
        {
            case "textarea":
                input = $"<textarea class=\"form-control{(invalid ? " is-invalid" : "")}\" rows=\"4\"{Attrs(attrs)}>{enc.Encode(value ?? "")}</textarea>";
                break;
            case "select":
                var options = string.Concat((Items ?? []).Select(i =>
                    $"<option value=\"{enc.Encode(i.Value)}\"{(i.Value == value ? " selected" : "")}>{enc.Encode(i.Text)}</option>"));
                input = $"<select class=\"form-select{(invalid ? " is-invalid" : "")}\"{Attrs(attrs)}>{options}</select>";
                break;
            case "checkbox":
                var isChecked = value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Contains("true", StringComparison.OrdinalIgnoreCase));
                input = $"<input type=\"checkbox\" class=\"form-check-input{(invalid ? " is-invalid" : "")}\" value=\"true\"{(isChecked ? " checked" : "")}{Attrs(attrs)}>"
                        + $"<input type=\"hidden\" name=\"{enc.Encode(name)}\" value=\"false\">";
                output.Content.SetHtmlContent(input + label + hint + error);
                return;
            default:
                var keepValue = Type is not ("password" or "file");
                input = $"<input type=\"{enc.Encode(Type)}\" class=\"form-control{(Type == "color" ? " form-control-color" : "")}{(invalid ? " is-invalid" : "")}\""
                        + (keepValue && value is not null ? $" value=\"{enc.Encode(value)}\"" : "") + Attrs(attrs) + ">";
                break;
        }
        var guard = Guard ? $"<div class=\"discret-guard\" id=\"{id}-guard\" aria-live=\"polite\"></div>" : "";
        output.Content.SetHtmlContent(label + hint + error + input + guard);
    }

    private static string Attrs(Dictionary<string, string?> attrs) =>
        string.Concat(attrs.Where(a => a.Value is not null).Select(a => $" {a.Key}=\"{HtmlEncoder.Default.Encode(a.Value!)}\""));
}

public static class FieldIds
{
    /// <summary>"Input.Login" → "Input_Login", the id the error summary links to.</summary>
    public static string For(string name) => name.Replace('.', '_').Replace('[', '_').Replace(']', '_');
}
