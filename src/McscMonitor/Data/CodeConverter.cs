using McscMonitor.Core.Domain;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace McscMonitor.Data;

/// <summary>Stores an enum as its snake_case code, the same code files and JSON use.</summary>
public sealed class CodeConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => Codes<TEnum>.ToCode(value),
    code => Codes<TEnum>.Parse(code))
    where TEnum : struct, Enum;
