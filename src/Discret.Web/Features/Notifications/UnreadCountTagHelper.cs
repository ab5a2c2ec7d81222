using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Discret.Web.Features.Notifications;

/// <summary><c>&lt;d-unread-count /&gt;</c>: the number of the account's unread notifications, in the menu; nothing when none.</summary>
[HtmlTargetElement("d-unread-count", TagStructure = TagStructure.WithoutEndTag)]
public sealed class UnreadCountTagHelper(NotificationInbox inbox) : TagHelper
{
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var user = ViewContext.HttpContext.User;
        var count = user.Identity?.IsAuthenticated == true ? await inbox.UnreadCountAsync(user, ViewContext.HttpContext.RequestAborted) : 0;
        if (count == 0)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "badge rounded-pill text-bg-light ms-1");
        output.Attributes.SetAttribute("data-unread-count", count.ToString());
        output.Content.SetHtmlContent($"{count}<span class=\"visually-hidden\"> non lue{(count > 1 ? "s" : "")}</span>");
    }
}
