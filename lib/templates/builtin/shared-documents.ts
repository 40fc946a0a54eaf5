// Documents several built-ins end with, written once. The golden files pin the rendered result.

export const configFilesDocument = `$if: params.configFiles
apiVersion: v1
kind: ConfigMap
metadata:
  name: \${{ app.name }}-config
  labels: \${{ labels }}
data: \${{ params.configFiles }}
`;

export const secretValuesDocument = `$if: params.secretValues
apiVersion: v1
kind: Secret
metadata:
  name: \${{ app.name }}-secrets
  labels: \${{ labels }}
type: Opaque
stringData: \${{ params.secretValues }}
`;
