namespace Governance.Scoring;

/// <summary>A priority moderators see: reached at <paramref name="MinScore"/>, sent with RabbitMQ priority <paramref name="MessagePriority"/>.</summary>
public sealed record PriorityTier(string Name, double MinScore, byte MessagePriority);
