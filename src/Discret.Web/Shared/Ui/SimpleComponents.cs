using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Discret.Web.Shared.Ui;

/// <summary><c>&lt;d-button variant="primary"&gt;Enregistrer&lt;/d-button&gt;</c>; a link when <c>href</c> is set.</summary>
[HtmlTargetElement("d-button")]
public sealed class ButtonTagHelper : TagHelper
{
    public string Variant { get; set; } = "primary";
    public string Type { get; set; } = "submit";
    public string? Href { get; set; }
    public string? Name { get; set; }
    public string? Value { get; set; }
    public string? Size { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var css = $"btn btn-{Variant}" + (Size is null ? "" : $" btn-{Size}");
        if (Href is not null)
        {
            output.TagName = "a";
            output.Attributes.SetAttribute("href", Href);
        }
        else
        {
            output.TagName = "button";
            output.Attributes.SetAttribute("type", Type);
            if (Name is not null) output.Attributes.SetAttribute("name", Name);
            if (Value is not null) output.Attributes.SetAttribute("value", Value);
        }
        output.TagMode = TagMode.StartTagAndEndTag;
        var existing = output.Attributes["class"]?.Value?.ToString();
        output.Attributes.SetAttribute("class", existing is null ? css : css + " " + existing);
    }
}

/// <summary><c>&lt;d-alert kind="warning" title="…"&gt;…&lt;/d-alert&gt;</c>. Danger and warning are announced (role=alert).</summary>
[HtmlTargetElement("d-alert")]
public sealed class AlertTagHelper : TagHelper
{
    public string Kind { get; set; } = "info";
    public string? Title { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var content = (await output.GetChildContentAsync()).GetContent();
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", $"alert alert-{Kind}");
        output.Attributes.SetAttribute("role", Kind is "danger" or "warning" ? "alert" : "status");
        var title = Title is null ? "" : $"<p class=\"fw-bold mb-1\">{HtmlEncoder.Default.Encode(Title)}</p>";
        output.Content.SetHtmlContent(title + content);
    }
}

/// <summary><c>&lt;d-table caption="Comptes"&gt;&lt;thead&gt;…&lt;/d-table&gt;</c>: a responsive table that always has a caption.</summary>
[HtmlTargetElement("d-table")]
public sealed class TableTagHelper : TagHelper
{
    public string Caption { get; set; } = "";
    public bool CaptionVisible { get; set; } = true;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var content = (await output.GetChildContentAsync()).GetContent();
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "table-responsive");
        var caption = $"<caption class=\"{(CaptionVisible ? "caption-top fw-bold text-body" : "visually-hidden")}\">{HtmlEncoder.Default.Encode(Caption)}</caption>";
        output.Content.SetHtmlContent($"<table class=\"table table-striped align-middle\">{caption}{content}</table>");
    }
}

/// <summary>
/// <c>&lt;d-breadcrumb&gt;&lt;d-crumb href="/"&gt;Accueil&lt;/d-crumb&gt;&lt;d-crumb&gt;Comptes&lt;/d-crumb&gt;&lt;/d-breadcrumb&gt;</c>;
/// the crumb without href is the current page.
/// </summary>
[HtmlTargetElement("d-breadcrumb")]
public sealed class BreadcrumbTagHelper : TagHelper
{
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var content = (await output.GetChildContentAsync()).GetContent();
        output.TagName = "nav";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("aria-label", "Fil d'Ariane");
        output.Content.SetHtmlContent($"<ol class=\"breadcrumb\">{content}</ol>");
    }
}

[HtmlTargetElement("d-crumb", ParentTag = "d-breadcrumb")]
public sealed class CrumbTagHelper : TagHelper
{
    public string? Href { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var content = (await output.GetChildContentAsync()).GetContent();
        output.TagName = "li";
        output.TagMode = TagMode.StartTagAndEndTag;
        if (Href is null)
        {
            output.Attributes.SetAttribute("class", "breadcrumb-item active");
            output.Attributes.SetAttribute("aria-current", "page");
            output.Content.SetHtmlContent(content);
        }
        else
        {
            output.Attributes.SetAttribute("class", "breadcrumb-item");
            output.Content.SetHtmlContent($"<a href=\"{HtmlEncoder.Default.Encode(Href)}\">{content}</a>");
        }
    }
}

/// <summary><c>&lt;d-pagination page="2" total-pages="9" href-format="?page={0}" /&gt;</c>.</summary>
[HtmlTargetElement("d-pagination", TagStructure = TagStructure.WithoutEndTag)]
public sealed class PaginationTagHelper : TagHelper
{
    public int Page { get; set; } = 1;
    public int TotalPages { get; set; } = 1;
    public string HrefFormat { get; set; } = "?page={0}";
    /// <summary>
    /// Keyset mode (no page numbers, no total: a journal of a hundred million rows is not counted): the link to the
    /// next, older page, and the link back to the first one. <c>&lt;d-pagination next-href="…" first-href="…" /&gt;</c>.
    /// </summary>
    public string? NextHref { get; set; }
    public string? FirstHref { get; set; }
    public string NextLabel { get; set; } = "Entrées plus anciennes";
    public string FirstLabel { get; set; } = "Revenir aux plus récentes";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        // An attribute given an expression that is null arrives as "": both mean "no such link".
        if (NextHref == "") NextHref = null;
        if (FirstHref == "") FirstHref = null;
        if (NextHref is not null || FirstHref is not null)
        {
            var enc = HtmlEncoder.Default;
            var links = new List<string>();
            if (FirstHref is not null) links.Add($"<li class=\"page-item\"><a class=\"page-link\" href=\"{enc.Encode(FirstHref)}\">{enc.Encode(FirstLabel)}</a></li>");
            if (NextHref is not null) links.Add($"<li class=\"page-item\"><a class=\"page-link\" href=\"{enc.Encode(NextHref)}\">{enc.Encode(NextLabel)}</a></li>");
            output.TagName = "nav";
            output.TagMode = TagMode.StartTagAndEndTag;
            output.Attributes.SetAttribute("aria-label", "Pagination");
            output.Content.SetHtmlContent($"<ul class=\"pagination flex-wrap\">{string.Concat(links)}</ul>");
            return;
        }
        if (TotalPages <= 1)
        {
            output.SuppressOutput();
            return;
        }
        string Href(int p) => HtmlEncoder.Default.Encode(string.Format(HrefFormat, p));
        var items = new List<string>();
        items.Add(Page > 1
            ? $"<li class=\"page-item\"><a class=\"page-link\" href=\"{Href(Page - 1)}\">Précédente</a></li>"
            : "<li class=\"page-item disabled\"><span class=\"page-link\">Précédente</span></li>");
        foreach (var p in PagesToShow())
        {
            if (p == 0) items.Add("<li class=\"page-item disabled\"><span class=\"page-link\">…</span></li>");
            else if (p == Page) items.Add($"<li class=\"page-item active\"><a class=\"page-link\" href=\"{Href(p)}\" aria-current=\"page\"><span class=\"visually-hidden\">Page </span>{p}</a></li>");
            else items.Add($"<li class=\"page-item\"><a class=\"page-link\" href=\"{Href(p)}\"><span class=\"visually-hidden\">Page </span>{p}</a></li>");
        }
        items.Add(Page < TotalPages
            ? $"<li class=\"page-item\"><a class=\"page-link\" href=\"{Href(Page + 1)}\">Suivante</a></li>"
            : "<li class=\"page-item disabled\"><span class=\"page-link\">Suivante</span></li>");
        output.TagName = "nav";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("aria-label", "Pagination");
        output.Content.SetHtmlContent($"<ul class=\"pagination flex-wrap\">{string.Concat(items)}</ul>");
    }

    /// <summary>First, last, and the pages around the current one; 0 stands for a gap.</summary>
    private IEnumerable<int> PagesToShow()
    {
        var last = 0;
        for (var p = 1; p <= TotalPages; p++)
        {
            if (p == 1 || p == TotalPages || Math.Abs(p - Page) <= 2)
            {
                if (last != 0 && p - last > 1) yield return 0;
                yield return p;
                last = p;
            }
        }
    }
}
