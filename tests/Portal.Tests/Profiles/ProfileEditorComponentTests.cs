using Bunit;
using Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Features.Profiles;

namespace Portal.Tests.Profiles;

public sealed class ProfileEditorComponentTests : ComponentTest
{
    [Fact]
    public void Search_indexing_can_only_be_ticked_for_a_public_page()
    {
        var form = new ProfileForm { Visibility = ProfileVisibility.Organisation };
        var section = RenderInForm<ProfileVisibilitySection>(form, p => p.Add(c => c.Form, form));

        IndexingBox().HasAttribute("disabled").ShouldBeTrue();
        section.FindAll("label").Single(l => l.TextContent.Contains("Anyone with the link")).QuerySelector("input[type=radio]")!.Click();

        form.Visibility.ShouldBe(ProfileVisibility.Public);
        IndexingBox().HasAttribute("disabled").ShouldBeFalse();

        AngleSharp.Dom.IElement IndexingBox() => section.Find("[data-testid=allow-indexing]");
    }

    [Fact]
    public async Task A_text_field_is_labelled_described_by_its_hint_and_shows_its_validation_message()
    {
        var form = new ProfileForm();
        var editContext = new EditContext(form);
        var messages = new ValidationMessageStore(editContext);
        var field = Context.Render<CascadingValue<EditContext>>(p => p
            .Add(c => c.Value, editContext)
            .AddChildContent<ProfileTextField>(f => f
                .Add(c => c.Label, "Username")
                .Add(c => c.Name, "Username")
                .Add(c => c.Hint, "3 to 30 letters")
                .Add(c => c.For, () => form.Username)));

        field.Find("label").GetAttribute("for").ShouldBe("Username");
        var hint = field.Find("input#Username").GetAttribute("aria-describedby")!;
        field.Find($"[id='{hint}']").TextContent.ShouldBe("3 to 30 letters");

        await field.InvokeAsync(() =>
        {
            messages.Add(editContext.Field(nameof(ProfileForm.Username)), "That username is taken.");
            editContext.NotifyValidationStateChanged();
        });

        field.WaitForAssertion(() => field.Find("input#Username").GetAttribute("aria-invalid").ShouldBe("true"));
        var error = field.Find("input#Username").GetAttribute("aria-describedby")!;
        field.Find($"[id='{error}']").TextContent.ShouldBe("That username is taken.");
    }

    private IRenderedComponent<CascadingValue<EditContext>> RenderInForm<TComponent>(ProfileForm form, Action<ComponentParameterCollectionBuilder<TComponent>> parameters)
        where TComponent : IComponent =>
        Context.Render<CascadingValue<EditContext>>(p => p.Add(c => c.Value, new EditContext(form)).AddChildContent(parameters));
}
