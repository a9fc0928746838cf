using System.Globalization;
using Governance.Contracts;

namespace Governance.LocalKafka;

/// <summary>A topic to create, written <c>name:partitions</c> on the command line.</summary>
public sealed record TopicSpec(string Name, int Partitions)
{
    /// <summary>The topics the Governance services use, with their default partition counts.</summary>
    public static IReadOnlyList<TopicSpec> GovernanceDefaults { get; } =
    [
        new(Topics.Content, 6),
        new(Topics.Transactions, 6),
        new(Topics.Events, 6),
        new(Topics.DeadLetter, 2),
    ];

    /// <summary>Parses <c>name</c> or <c>name:partitions</c>.</summary>
    public static TopicSpec Parse(string text)
    {
        var parts = text.Split(':', 2, StringSplitOptions.TrimEntries);
        if (parts[0].Length == 0)
        {
            throw new FormatException($"'{text}' is not a topic: expected name:partitions, e.g. creator.content.v1:6.");
        }

        if (parts.Length == 1)
        {
            return new TopicSpec(parts[0], 1);
        }

        return int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var partitions) && partitions > 0
            ? new TopicSpec(parts[0], partitions)
            : throw new FormatException($"'{text}': partitions must be a positive integer.");
    }
}
