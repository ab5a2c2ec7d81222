using System.Security.Cryptography;
using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Discret.Web.Shared.Idempotency;

/// <summary>
/// <c>&lt;form method="post" d-once&gt;</c>: the form carries a one-time token, so that the same form instance sent twice
/// (a double click, a resubmission after a slow answer) creates one record: the second POST creates nothing and is
/// redirected to where the first one went (<see cref="OnceOnlyFormFilter"/>). For forms that create a record and then
/// redirect; the script <c>js/forms.js</c> already keeps a browser from sending a form twice.
/// </summary>
[HtmlTargetElement("form", Attributes = Attribute)]
public sealed class OnceOnlyFormTagHelper : TagHelper
{
    public const string Attribute = "d-once";
    public const string FieldName = "__FormInstance";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.Attributes.RemoveAll(Attribute);
        output.PostContent.AppendHtml($"<input type=\"hidden\" name=\"{FieldName}\" value=\"{NewToken()}\">");
    }

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsToken(string? value) => value is { Length: 32 } && value.All(char.IsAsciiHexDigitLower);
}

/// <summary>
/// The server side of <see cref="OnceOnlyFormTagHelper"/>: a signed-in POST carrying a form token claims it in the
/// <see cref="IdempotencyStore"/> before the handler runs. When the handler redirects (the record was created), the
/// address is kept; a second POST of the same form instance is redirected there without running the handler (if the
/// first is still running, it waits for it). A form shown again with its errors created nothing: its token is released.
/// </summary>
public sealed class OnceOnlyFormFilter(IdempotencyStore store, IUrlHelperFactory urls) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || http.User.Identity?.IsAuthenticated != true || !http.Request.HasFormContentType
            || http.Request.Form[OnceOnlyFormTagHelper.FieldName].ToString() is not { } token || !OnceOnlyFormTagHelper.IsToken(token))
        {
            await next();
            return;
        }
        var account = http.User.AccountId();
        var keyHash = IdempotencyStore.HashKey("form", token);
        // The page and its handler: a token is one form's (sent to another page, it is another request and runs normally).
        var fingerprint = IdempotencyStore.Sha256("form\n" + http.Request.Path.Value + "\n" + context.HandlerMethod?.Name);
        var claim = await store.ClaimAsync(account, keyHash, fingerprint, http.RequestAborted);
        switch (claim.Outcome)
        {
            case ClaimOutcome.Answered when claim.First!.Location is { } location:
                context.Result = new RedirectResult(location);
                return;
            case ClaimOutcome.StillRunning:
                context.Result = new StatusCodeResult(StatusCodes.Status409Conflict);
                return;
            case ClaimOutcome.Mine:
                break;
            default:
                await next();
                return;
        }

        PageHandlerExecutedContext executed;
        try
        {
            executed = await next();
        }
        catch
        {
            await store.ReleaseAsync(account, keyHash);
            throw;
        }
        if (executed.Exception is null && RedirectOf(executed) is { } to)
            await store.CompleteAsync(account, keyHash, StatusCodes.Status302Found, to, null, null);
        else
            await store.ReleaseAsync(account, keyHash);
    }

    private string? RedirectOf(PageHandlerExecutedContext executed) => executed.Result switch
    {
        RedirectResult r => r.Url,
        LocalRedirectResult r => r.Url,
        RedirectToPageResult r => urls.GetUrlHelper(executed).Page(r.PageName, r.PageHandler, r.RouteValues, r.Protocol, r.Host, r.Fragment),
        _ => null,
    };
}
