namespace LiquidStake.Ethereum.Abi;

/// <summary>Decodes event logs (topics and data) into values in the event's input order.</summary>
public static class EventDecoder
{
    /// <summary>Decodes a log of <paramref name="abiEvent"/>. Indexed values of elementary types are decoded from their topic;
    /// indexed strings, bytes, arrays and tuples come back as <see cref="Hash32"/> because the topic holds only their hash.</summary>
    /// <exception cref="AbiDecodingException">Topic 0 does not match, the topic count is wrong or the data is malformed.</exception>
    public static object?[] Decode(AbiEvent abiEvent, IReadOnlyList<Hash32> topics, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(abiEvent);
        var flags = new bool[abiEvent.Inputs.Count];
        for (int i = 0; i < flags.Length; i++) flags[i] = abiEvent.Inputs[i].Indexed;
        return Decode(abiEvent.InputTypes, flags, abiEvent.Anonymous ? null : abiEvent.Topic, topics, data);
    }

    /// <summary>Decodes a log given the event's input types and which inputs are indexed.</summary>
    /// <param name="inputTypes">All inputs in declaration order.</param>
    /// <param name="indexedFlags">One flag per input: true when the input is a topic.</param>
    /// <param name="expectedTopic0">The event topic for non-anonymous events (checked against topic 0), or null for anonymous events.</param>
    /// <param name="topics">The log's topics.</param>
    /// <param name="data">The log's data.</param>
    /// <exception cref="AbiDecodingException">Topic 0 does not match, the topic count is wrong or the data is malformed.</exception>
    public static object?[] Decode(IReadOnlyList<AbiType> inputTypes, IReadOnlyList<bool> indexedFlags, Hash32? expectedTopic0, IReadOnlyList<Hash32> topics, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(inputTypes);
        ArgumentNullException.ThrowIfNull(indexedFlags);
        ArgumentNullException.ThrowIfNull(topics);
        if (indexedFlags.Count != inputTypes.Count)
            throw new LiquidStakeArgumentException(nameof(indexedFlags), "needs one flag per input", inputTypes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        int indexedCount = 0;
        for (int i = 0; i < indexedFlags.Count; i++) if (indexedFlags[i]) indexedCount++;
        int firstTopic = expectedTopic0 is null ? 0 : 1;
        if (topics.Count != indexedCount + firstTopic)
            throw new AbiDecodingException($"The log has {topics.Count} topics; the event needs {indexedCount + firstTopic}.");
        if (expectedTopic0 is Hash32 topic0 && topics[0] != topic0)
            throw new AbiDecodingException($"Topic 0 is {topics[0]}, not the event's topic {topic0}.");

        var dataTypes = new AbiType[inputTypes.Count - indexedCount];
        for (int i = 0, j = 0; i < inputTypes.Count; i++) if (!indexedFlags[i]) dataTypes[j++] = inputTypes[i];
        var dataValues = AbiCodec.Decode(dataTypes, data);

        var result = new object?[inputTypes.Count];
        Span<byte> word = stackalloc byte[32];
        for (int i = 0, t = firstTopic, d = 0; i < result.Length; i++)
        {
            if (!indexedFlags[i])
            {
                result[i] = dataValues[d++];
                continue;
            }
            var topic = topics[t++];
            var type = inputTypes[i];
            if (type is AbiTupleType or AbiArrayType or AbiBytesType or AbiStringType)
            {
                result[i] = topic;
            }
            else
            {
                topic.CopyTo(word);
                result[i] = AbiCodec.Decode([type], word)[0];
            }
        }
        return result;
    }
}
