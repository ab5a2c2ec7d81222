using System.Text.Encodings.Web;
using Discret.Domain.Persons;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Discret.Web.Shared.Ui;

/// <summary>
/// Where a fact comes from, next to the fact: the person's words, a professional's observation, a partner, or —
/// distinctly — "signalé par un tiers — non vérifié". <c>&lt;d-provenance value="…" /&gt;</c>.
/// </summary>
[HtmlTargetElement("d-provenance", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ProvenanceTagHelper : TagHelper
{
    public Provenance? Value { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (Value is null)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", Value.IsUnverifiedReport ? "badge discret-provenance discret-provenance-tiers" : "badge discret-provenance");
        output.Attributes.SetAttribute("data-provenance", Value.Source.ToString());
        output.Content.SetHtmlContent(HtmlEncoder.Default.Encode(Value.Describe()));
    }
}
