using System.Runtime.InteropServices;
using System.Text;
using Governance.Kafka;

namespace Governance.LocalKafka;

/// <summary>
/// librdkafka's built-in mock cluster, driven through its C API. Any Kafka client connects to
/// <see cref="BootstrapServers"/> over TCP. The mock keeps only a few MB per partition, so
/// consumers must run while producers produce.
/// </summary>
public sealed unsafe class MockKafkaCluster : IDisposable
{
    private const int ProducerType = 0;
    private readonly IntPtr _handle;
    private readonly IntPtr _cluster;
    private readonly Native _native;
    private bool _disposed;

    private MockKafkaCluster(Native native, IntPtr handle, IntPtr cluster, int brokerCount)
    {
        _native = native;
        _handle = handle;
        _cluster = cluster;
        BrokerCount = brokerCount;
        BootstrapServers = Marshal.PtrToStringUTF8(native.Bootstraps(cluster))
            ?? throw new InvalidOperationException("The mock cluster returned no bootstrap address.");
    }

    /// <summary>Comma-separated <c>host:port</c> list of the mock brokers.</summary>
    public string BootstrapServers { get; }

    /// <summary>Number of brokers; ids run from 1 to this.</summary>
    public int BrokerCount { get; }

    /// <summary>Starts a mock cluster with <paramref name="brokerCount"/> brokers on loopback.</summary>
    public static MockKafkaCluster Start(int brokerCount = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        var native = new Native(KafkaNativeLibrary.EnsureLoaded());
        var conf = native.ConfNew();
        var errors = new byte[512];
        fixed (byte* err = errors)
        {
            // The mock needs an rd_kafka_t to live in; a quiet producer handle that never produces.
            SetConf(native, conf, "log_level", "3", err, errors.Length);
            var handle = native.New(ProducerType, conf, err, (nuint)errors.Length);
            if (handle == IntPtr.Zero)
            {
                throw new InvalidOperationException("rd_kafka_new failed: " + ErrorText(errors));
            }

            var cluster = native.ClusterNew(handle, brokerCount);
            if (cluster == IntPtr.Zero)
            {
                native.Destroy(handle);
                throw new InvalidOperationException("rd_kafka_mock_cluster_new failed.");
            }

            // Tests and the local stack start many short-lived groups; Kafka's 3 s join delay only slows them.
            native.GroupInitialRebalanceDelay(cluster, 0);
            return new MockKafkaCluster(native, handle, cluster, brokerCount);
        }
    }

    /// <summary>Creates a topic (replication factor capped at the broker count).</summary>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 1)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var name = Encoding.UTF8.GetBytes(topic + "\0");
        fixed (byte* t = name)
        {
            Check(_native.TopicCreate(_cluster, t, partitions, Math.Min(replicationFactor, BrokerCount)), $"create topic {topic}");
        }
    }

    /// <summary>Takes a broker down: its connections drop and it refuses new ones.</summary>
    public void SetBrokerDown(int brokerId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Check(_native.BrokerSetDown(_cluster, brokerId), $"take broker {brokerId} down");
    }

    /// <summary>Brings a broker back up.</summary>
    public void SetBrokerUp(int brokerId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Check(_native.BrokerSetUp(_cluster, brokerId), $"bring broker {brokerId} up");
    }

    /// <summary>Moves the leadership of one partition to a broker.</summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var name = Encoding.UTF8.GetBytes(topic + "\0");
        fixed (byte* t = name)
        {
            Check(_native.PartitionSetLeader(_cluster, t, partition, brokerId), $"set leader of {topic}/{partition}");
        }
    }

    /// <summary>
    /// The next requests of one API (e.g. 8, OffsetCommit) answered with these errors, one each, in
    /// order, whichever client sends them.
    /// </summary>
    public void PushRequestErrors(short apiKey, params int[] errors)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(errors);
        fixed (int* e = errors)
        {
            _native.PushRequestErrors(_cluster, apiKey, (nuint)errors.Length, e);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _native.ClusterDestroy(_cluster);
        _native.Destroy(_handle);
    }

    private static void SetConf(Native native, IntPtr conf, string key, string value, byte* err, int errSize)
    {
        var k = Encoding.UTF8.GetBytes(key + "\0");
        var v = Encoding.UTF8.GetBytes(value + "\0");
        fixed (byte* kp = k)
        fixed (byte* vp = v)
        {
            if (native.ConfSet(conf, kp, vp, err, (nuint)errSize) != 0)
            {
                throw new InvalidOperationException($"rd_kafka_conf_set {key} failed.");
            }
        }
    }

    private static string ErrorText(byte[] buffer)
    {
        var end = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }

    private void Check(int errorCode, string what)
    {
        if (errorCode != 0)
        {
            var text = Marshal.PtrToStringUTF8(_native.Err2Str(errorCode));
            throw new InvalidOperationException($"Mock cluster could not {what}: {text} ({errorCode}).");
        }
    }

    /// <summary>Function pointers into the same librdkafka that Confluent.Kafka uses.</summary>
    private sealed class Native
    {
        public Native(string path)
        {
            var lib = NativeLibrary.Load(path);
            ConfNew = (delegate* unmanaged<IntPtr>)NativeLibrary.GetExport(lib, "rd_kafka_conf_new");
            ConfSet = (delegate* unmanaged<IntPtr, byte*, byte*, byte*, nuint, int>)NativeLibrary.GetExport(lib, "rd_kafka_conf_set");
            New = (delegate* unmanaged<int, IntPtr, byte*, nuint, IntPtr>)NativeLibrary.GetExport(lib, "rd_kafka_new");
            Destroy = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(lib, "rd_kafka_destroy");
            Err2Str = (delegate* unmanaged<int, IntPtr>)NativeLibrary.GetExport(lib, "rd_kafka_err2str");
            ClusterNew = (delegate* unmanaged<IntPtr, int, IntPtr>)NativeLibrary.GetExport(lib, "rd_kafka_mock_cluster_new");
            ClusterDestroy = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(lib, "rd_kafka_mock_cluster_destroy");
            Bootstraps = (delegate* unmanaged<IntPtr, IntPtr>)NativeLibrary.GetExport(lib, "rd_kafka_mock_cluster_bootstraps");
            TopicCreate = (delegate* unmanaged<IntPtr, byte*, int, int, int>)NativeLibrary.GetExport(lib, "rd_kafka_mock_topic_create");
            BrokerSetDown = (delegate* unmanaged<IntPtr, int, int>)NativeLibrary.GetExport(lib, "rd_kafka_mock_broker_set_down");
            BrokerSetUp = (delegate* unmanaged<IntPtr, int, int>)NativeLibrary.GetExport(lib, "rd_kafka_mock_broker_set_up");
            PartitionSetLeader = (delegate* unmanaged<IntPtr, byte*, int, int, int>)NativeLibrary.GetExport(lib, "rd_kafka_mock_partition_set_leader");
            GroupInitialRebalanceDelay = (delegate* unmanaged<IntPtr, int, void>)NativeLibrary.GetExport(lib, "rd_kafka_mock_group_initial_rebalance_delay_ms");
            PushRequestErrors = (delegate* unmanaged<IntPtr, short, nuint, int*, void>)NativeLibrary.GetExport(lib, "rd_kafka_mock_push_request_errors_array");
        }

        public delegate* unmanaged<IntPtr, short, nuint, int*, void> PushRequestErrors { get; }

        public delegate* unmanaged<IntPtr> ConfNew { get; }
        public delegate* unmanaged<IntPtr, byte*, byte*, byte*, nuint, int> ConfSet { get; }
        public delegate* unmanaged<int, IntPtr, byte*, nuint, IntPtr> New { get; }
        public delegate* unmanaged<IntPtr, void> Destroy { get; }
        public delegate* unmanaged<int, IntPtr> Err2Str { get; }
        public delegate* unmanaged<IntPtr, int, IntPtr> ClusterNew { get; }
        public delegate* unmanaged<IntPtr, void> ClusterDestroy { get; }
        public delegate* unmanaged<IntPtr, IntPtr> Bootstraps { get; }
        public delegate* unmanaged<IntPtr, byte*, int, int, int> TopicCreate { get; }
        public delegate* unmanaged<IntPtr, int, int> BrokerSetDown { get; }
        public delegate* unmanaged<IntPtr, int, int> BrokerSetUp { get; }
        public delegate* unmanaged<IntPtr, byte*, int, int, int> PartitionSetLeader { get; }
        public delegate* unmanaged<IntPtr, int, void> GroupInitialRebalanceDelay { get; }
    }
}
