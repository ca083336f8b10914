package dev.exposure.connector.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.CommonConfigKeys;
import dev.exposure.connector.ConfigDefinition;
import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConfigKey;
import dev.exposure.connector.ConnectionConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class AzureCloudTest {

    @Test
    void shouldFindEveryProfileByItsIdAndEveryOlderName() {
        assertThat(AzureCloud.values()).extracting(AzureCloud::id).containsExactly("azure-public", "azure-us-gcc",
                "azure-us-government", "azure-china", "custom");
        assertThat(AzureCloud.find("commercial")).containsSame(AzureCloud.AZURE_PUBLIC);
        assertThat(AzureCloud.find(" GCC ")).containsSame(AzureCloud.AZURE_US_GCC);
        assertThat(AzureCloud.find("gcc_high")).containsSame(AzureCloud.AZURE_US_GOVERNMENT);
        assertThat(AzureCloud.find("dod")).containsSame(AzureCloud.AZURE_US_GOVERNMENT);
        assertThat(AzureCloud.find("Azure-China")).containsSame(AzureCloud.AZURE_CHINA);
        assertThat(AzureCloud.find("moon")).isEmpty();
    }

    @Test
    void shouldSetLoginResourceManagerAndDefenderHostsTogetherPerCloud() {
        AzureCloud gov = AzureCloud.AZURE_US_GOVERNMENT;
        assertThat(gov.authorityUrl()).isEqualTo("https://login.microsoftonline.us/");
        assertThat(gov.resourceManagerUrl()).isEqualTo("https://management.usgovcloudapi.net/");
        assertThat(gov.resourceManagerScope()).isEqualTo("https://management.core.usgovcloudapi.net//.default");
        assertThat(gov.defenderEndpointApiUrl()).contains("https://api-gov.securitycenter.microsoft.us");
        AzureCloud gcc = AzureCloud.AZURE_US_GCC;
        assertThat(gcc.loginHost()).isEqualTo("login.microsoftonline.com");
        assertThat(gcc.defenderEndpointScopes()).containsExactly("https://api-gcc.securitycenter.microsoft.us/.default");
        assertThat(AzureCloud.AZURE_CHINA.defenderEndpointApiUrl()).isEmpty();
        assertThat(AzureCloud.owningDefenderEndpointHost("EU.api.security.microsoft.com"))
                .containsSame(AzureCloud.AZURE_PUBLIC);
    }

    @Test
    void shouldDeclareOneVocabularyDocumentTheOlderNamesAndRefuseACloudTheConnectorCannotServe() {
        ConfigKey<String> key = AzureCloud.configKey(List.of(AzureCloud.AZURE_PUBLIC, AzureCloud.CUSTOM),
                "has no API; use azure-public or custom", "The cloud.");
        assertThat(key.field().allowedValues()).containsExactly("azure-public", "custom");
        assertThat(key.field().defaultValue()).contains("azure-public");
        assertThat(key.field().valueAliases()).containsEntry("commercial", "azure-public")
                .containsEntry("gcc-high", "azure-us-government");
        ConfigDefinition def = ConfigDefinition.builder("x").add(key).build();
        assertThat(def.parse(ConnectionConfig.builder().cloud("azure-china").build()).errors()).containsExactly(
                ConfigError.of("cloud", "'azure-china' has no API; use azure-public or custom"));
        assertThat(def.parse(ConnectionConfig.builder().cloud("dod").build()).errors()).containsExactly(
                ConfigError.of("cloud", "'dod' has no API; use azure-public or custom"));
        assertThat(def.parse(ConnectionConfig.builder().cloud("commercial").build()).errors()).isEmpty();
    }

    @Test
    void shouldNameTheCloudThatSignsInAtAForeignAuthority() {
        assertThat(AzureCloud.AZURE_US_GOVERNMENT.checkAuthority("https://login.microsoftonline.com")).hasValueSatisfying(
                m -> assertThat(m).contains("does not belong to cloud 'azure-us-government'")
                        .contains("set cloud=azure-public"));
        assertThat(AzureCloud.AZURE_CHINA.checkAuthority("https://login.example.org/")).hasValueSatisfying(
                m -> assertThat(m).contains("cloud=custom"));
        assertThat(AzureCloud.AZURE_PUBLIC.checkAuthority("https://LOGIN.microsoftonline.com/")).isEmpty();
        assertThat(AzureCloud.CUSTOM.checkAuthority("https://login.example.org/")).isEmpty();
    }

    @Test
    void shouldAcceptPlainHttpAuthoritiesOnlyOnLoopbackAndWithALentCredential() {
        ConfigDefinition def = ConfigDefinition.builder("x").add(AzureCloud.authenticationUrlKey("The authority."))
                .build();
        assertThat(def.parse(ConnectionConfig.builder().authenticationUrl("http://127.0.0.1:8080").build()).errors())
                .isEmpty();
        assertThat(def.parse(ConnectionConfig.builder().authenticationUrl("http://login.example.org").build())
                .errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("clear text"));
        assertThat(AzureCloud.checkPlainHttpAuthority("http://127.0.0.1:8080", false)).isPresent();
        assertThat(AzureCloud.checkPlainHttpAuthority("http://127.0.0.1:8080", true)).isEmpty();
        assertThat(AzureCloud.checkPlainHttpAuthority("https://login.microsoftonline.com/", false)).isEmpty();
        assertThat(CommonConfigKeys.GROUP_AUTHENTICATION).isEqualTo(AzureCloud.authenticationUrlKey("d").field()
                .group().orElseThrow());
    }
}
