namespace Governance.Testing;

/// <summary>Which Kafka-protocol broker the tests run against.</summary>
public enum KafkaBrokerMode
{
    /// <summary>The cluster named by <c>KAFKA_BOOTSTRAP_SERVERS</c>.</summary>
    External,

    /// <summary>Apache Kafka in a container (Testcontainers.Kafka), when a Docker engine answers.</summary>
    Container,

    /// <summary>librdkafka's mock cluster, in the test process.</summary>
    MockCluster,
}
