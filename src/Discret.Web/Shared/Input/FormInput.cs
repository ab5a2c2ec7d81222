using Discret.Domain.Input;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Shared.Input;

/// <summary>
/// The forms' door for <see cref="InputRules"/>: every text, date and closed-list value a page binds (form fields, query
/// string, route) is judged as it is bound. A value that breaks a rule is not bound — the page's property keeps its value
/// from before — and its field gets the French message. Then <see cref="RefusedFormFilter"/> sees that no handler that
/// changes something runs on such input. One provider for every page, so that a form added tomorrow is covered.
/// </summary>
public sealed class FormInput(IList<IModelBinderProvider> providers) : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        if (!InputRules.Judges(context.Metadata.ModelType)) return null;
        if (context.Metadata.UnderlyingOrModelType.IsEnum) return new ByName();
        // Texts and dates: the binder the framework would use, judged once it has bound.
        foreach (var provider in providers)
            if (provider != this && provider.GetBinder(context) is { } binder) return new Judged(binder);
        return null;
    }

    /// <summary>A closed list, bound by a member's name only (the framework's binder takes numbers and adds up « A,B »).</summary>
    private sealed class ByName : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext context)
        {
            var posted = context.ValueProvider.GetValue(context.ModelName);
            if (posted == ValueProviderResult.None) return Task.CompletedTask;
            context.ModelState.SetModelValue(context.ModelName, posted);
            var metadata = context.ModelMetadata;
            if (string.IsNullOrEmpty(posted.FirstValue))
            {
                // « Choisissez… »: no value, as the framework binds it (the use case says what is missing).
                if (metadata.IsReferenceOrNullableType) context.Result = ModelBindingResult.Success(null);
                else context.ModelState.TryAddModelError(context.ModelName, metadata.ModelBindingMessageProvider.ValueMustNotBeNullAccessor(""));
                return Task.CompletedTask;
            }
            if (ClosedList.Parse(metadata.UnderlyingOrModelType, posted.FirstValue) is { } member)
            {
                context.Result = ModelBindingResult.Success(member);
                return Task.CompletedTask;
            }
            context.ModelState.TryAddModelError(context.ModelName, ClosedList.NotAMemberMessage);
            RefusedFormFilter.Mark(context.HttpContext);
            return Task.CompletedTask;
        }
    }

    private sealed class Judged(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext context)
        {
            await inner.BindModelAsync(context);
            if (!context.Result.IsModelSet || context.Result.Model is not { } value) return;
            if (InputRules.Problem(value) is not { } problem) return;
            context.ModelState.TryAddModelError(context.ModelName, problem);
            context.Result = ModelBindingResult.Failed();
            RefusedFormFilter.Mark(context.HttpContext);
        }
    }
}

/// <summary>
/// A form whose input broke one of <see cref="InputRules"/> (<see cref="FormInput"/>) is never handled: instead of the
/// page's POST handler — which could save what was bound and drop the refused field silently — the page is shown again
/// as its GET handler shows it, with the messages next to their fields and the text as typed (the fields show the
/// values posted). A GET (a search in the query string) runs as usual, without the refused value.
/// </summary>
public sealed class RefusedFormFilter : IAsyncPageFilter
{
    private static readonly object Key = new();

    public static void Mark(HttpContext http) => http.Items[Key] = true;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Items.ContainsKey(Key) || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        {
            await next();
            return;
        }
        var show = context.ActionDescriptor.HandlerMethods.FirstOrDefault(h => h.HttpMethod == "Get" && h.Name is null
            && h.MethodInfo.GetParameters().All(p => p.HasDefaultValue));
        if (show is null || context.HandlerInstance is not PageModel page)
        {
            context.Result = new BadRequestResult();
            return;
        }
        var answer = show.MethodInfo.Invoke(context.HandlerInstance, show.MethodInfo.GetParameters().Select(p => p.DefaultValue).ToArray());
        if (answer is Task task)
        {
            await task;
            answer = task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
        }
        context.Result = answer as IActionResult ?? page.Page();
    }
}
