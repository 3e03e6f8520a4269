namespace Midjourney.Sdk;

/// <summary>Which spelling of the imagine fields an APIXO account's API version expects.</summary>
public enum ApixoFieldNames
{
    /// <summary><c>aspect</c>, <c>chaos</c>, <c>stylize</c>, <c>weird</c>: the original API.</summary>
    Classic,

    /// <summary><c>aspect_ratio</c>, <c>variety</c>, <c>stylization</c>, <c>weirdness</c>: the newer API.</summary>
    Current,
}
