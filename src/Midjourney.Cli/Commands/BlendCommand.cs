using System.CommandLine;
using Midjourney.Sdk;

namespace Midjourney.Cli.Commands;

/// <summary><c>mj blend &lt;image&gt; &lt;image&gt; [&lt;image&gt;...] [--dimensions portrait|square|landscape]</c>: 2 to 5 images blended into a grid.</summary>
internal static class BlendCommand
{
    public static Command Create(MjApp app)
    {
        var images = new Argument<string[]>("images")
        {
            Description = "Two to five images to blend: http(s) URLs or file paths",
            Arity = ArgumentArity.OneOrMore,
        };
        images.Validators.Add(result =>
        {
            // The count checked here, not by the arity, so one image is "takes 2 to 5", not "argument missing".
            if (result.Tokens.Count is < 2 or > 5)
            {
                result.AddError($"A blend takes 2 to 5 images, not {result.Tokens.Count}.");
            }
        });
        var dimensions = new Option<BlendDimensions?>("--dimensions")
        {
            Description = "The grid's shape (default: the provider's, square)",
            HelpName = CommandParts.Names<BlendDimensions>(),
            CustomParser = result => CommandParts.ParseName<BlendDimensions>(result, "--dimensions"),
        };
        var speed = CommandParts.Speed();
        var output = CommandParts.Out();
        var noWait = CommandParts.NoWait();
        var command = new Command("blend", "Blend two to five images into a grid (GoAPI with URLs, MJ-Proxy), wait for it and save the images")
        {
            images, dimensions, speed, output, noWait,
        };
        command.SetAction((parseResult, cancellationToken) => app.WithClientAsync(parseResult, cancellationToken, async client =>
        {
            var inputs = new List<MidjourneyImage>();
            foreach (string image in parseResult.GetValue(images)!)
            {
                inputs.Add(await CommandParts.ReadImageAsync(image, cancellationToken).ConfigureAwait(false));
            }

            var request = new BlendRequest(inputs)
            {
                Dimensions = parseResult.GetValue(dimensions),
                Speed = parseResult.GetValue(speed),
            };
            MidjourneyTask submitted = await client.BlendAsync(request, cancellationToken).ConfigureAwait(false);
            return await CommandParts.FinishAsync(app, client, submitted, parseResult, noWait, output, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }
}
