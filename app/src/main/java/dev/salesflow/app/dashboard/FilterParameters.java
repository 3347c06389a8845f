package dev.salesflow.app.dashboard;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The dashboard's filters in the OpenAPI document (the endpoints read them from one parameter map). */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Parameters({
    @Parameter(
            name = "from",
            in = ParameterIn.QUERY,
            description = "First business day (UTC), yyyy-MM-dd",
            schema = @Schema(type = "string", format = "date")),
    @Parameter(
            name = "to",
            in = ParameterIn.QUERY,
            description = "Last business day (UTC), yyyy-MM-dd, not before from",
            schema = @Schema(type = "string", format = "date")),
    @Parameter(name = "country", in = ParameterIn.QUERY, description = "Store country (ISO code, see /filters)"),
    @Parameter(name = "channel", in = ParameterIn.QUERY, description = "Sales channel (see /filters)"),
    @Parameter(name = "currency", in = ParameterIn.QUERY, description = "Sale currency, ISO 4217 (see /filters)"),
    @Parameter(
            name = "amounts",
            in = ParameterIn.QUERY,
            description = "reporting (default): amounts in the"
                    + " reporting currency; sale: in the chosen sale currency (needs currency)",
            schema = @Schema(allowableValues = {"reporting", "sale"}))
})
public @interface FilterParameters {}
