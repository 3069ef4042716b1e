using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace McscMonitor.Records;

/// <summary>
/// The OpenAPI document's body of each record type's create and update, from its definition:
/// the handlers read the body as JSON text (so a wrong value gets its field's error), which
/// alone would document it as "any object".
/// </summary>
internal static class RecordSchemas
{
    public static OpenApiOptions DescribeRecordBodies(this OpenApiOptions options)
    {
        options.AddOperationTransformer((operation, context, _) =>
        {
            var name = context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
            if (RecordDefinitions.All.FirstOrDefault(kind => name == $"Create-{kind.Path}" || name == $"Update-{kind.Path}") is { } kind)
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = BodyOf(kind) } },
                };
            return Task.CompletedTask;
        });
        return options;
    }

    private static OpenApiSchema BodyOf(IRecordDefinition kind)
    {
        var properties = new Dictionary<string, IOpenApiSchema>
        {
            ["municipality"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Code or any official name, in any language or script" },
        };
        foreach (var field in kind.Fields) properties[field.Name] = SchemaOf(field);
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = properties,
            Required = new HashSet<string>(["municipality", .. kind.Fields.Where(field => field.Required).Select(field => field.Name)]),
        };
    }

    private static OpenApiSchema SchemaOf(FormField field)
    {
        var schema = field.Type switch
        {
            FieldType.Date => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
            FieldType.WholeNumber or FieldType.Year => new OpenApiSchema { Type = JsonSchemaType.Integer },
            FieldType.Amount => new OpenApiSchema { Type = JsonSchemaType.Number },
            FieldType.Answer => new OpenApiSchema { Type = JsonSchemaType.Boolean },
            FieldType.Choice when field.Options is { } options => new OpenApiSchema
            {
                Type = JsonSchemaType.String, Enum = [.. options().Select(option => (JsonNode)JsonValue.Create(option.Value))],
            },
            _ => new OpenApiSchema { Type = JsonSchemaType.String },
        };
        if (!field.Required) schema.Type |= JsonSchemaType.Null;
        if (field.Description.Length > 0) schema.Description = field.Description;
        return schema;
    }
}
