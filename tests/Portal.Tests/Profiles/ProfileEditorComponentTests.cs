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
        section.Find("input[type=radio][value=Public]").Change("Public");

        form.Visibility.ShouldBe(ProfileVisibility.Public);
        IndexingBox().HasAttribute("disabled").ShouldBeFalse();

        AngleSharp.Dom.IElement IndexingBox() => section.FindAll("input[type=checkbox]")[0];
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
        field.Find("input#Username").GetAttribute("aria-describedby").ShouldBe("Username-hint");

        await field.InvokeAsync(() =>
        {
            messages.Add(editContext.Field(nameof(ProfileForm.Username)), "That username is taken.");
            editContext.NotifyValidationStateChanged();
        });

        field.Find(".portal-error").TextContent.ShouldBe("That username is taken.");
    }

    private IRenderedComponent<CascadingValue<EditContext>> RenderInForm<TComponent>(ProfileForm form, Action<ComponentParameterCollectionBuilder<TComponent>> parameters)
        where TComponent : IComponent =>
        Context.Render<CascadingValue<EditContext>>(p => p.Add(c => c.Value, new EditContext(form)).AddChildContent(parameters));
}
