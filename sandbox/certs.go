package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"

	clientcmd "k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

type keyPair struct {
	cert *x509.Certificate
	key  crypto.Signer
}

func writePEM(path, typ string, der []byte, mode os.FileMode) error {
	return os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), mode)
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

func loadPair(dir, name string) (*keyPair, error) {
	cb, err := os.ReadFile(filepath.Join(dir, name+".crt"))
	if err != nil {
		return nil, err
	}
	kb, err := os.ReadFile(filepath.Join(dir, name+".key"))
	if err != nil {
		return nil, err
	}
	cblk, _ := pem.Decode(cb)
	kblk, _ := pem.Decode(kb)
	if cblk == nil || kblk == nil {
		return nil, fmt.Errorf("%s: bad PEM", name)
	}
	cert, err := x509.ParseCertificate(cblk.Bytes)
	if err != nil {
		return nil, err
	}
	k, err := x509.ParsePKCS8PrivateKey(kblk.Bytes)
	if err != nil {
		return nil, err
	}
	signer, ok := k.(crypto.Signer)
	if !ok {
		return nil, errors.New("key is not a signer")
	}
	return &keyPair{cert: cert, key: signer}, nil
}

func newKey() (crypto.Signer, error) { return ecdsa.GenerateKey(elliptic.P256(), rand.Reader) }

func skid(pub crypto.PublicKey) []byte {
	der, _ := x509.MarshalPKIXPublicKey(pub)
	sum := sha1.Sum(der)
	return sum[:]
}

// issue creates name.crt/name.key in dir unless they already exist. A nil
// parent means self-signed CA.
func issue(dir, name string, tmpl *x509.Certificate, parent *keyPair) (*keyPair, error) {
	if exists(filepath.Join(dir, name+".crt")) && exists(filepath.Join(dir, name+".key")) {
		return loadPair(dir, name)
	}
	key, err := newKey()
	if err != nil {
		return nil, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 126))
	if err != nil {
		return nil, err
	}
	now := time.Now().Add(-5 * time.Minute)
	tmpl.SerialNumber = serial
	tmpl.NotBefore = now
	tmpl.SubjectKeyId = skid(key.Public())
	tmpl.BasicConstraintsValid = true
	signerCert, signerKey := tmpl, key
	if parent == nil {
		tmpl.IsCA = true
		tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature
		tmpl.NotAfter = now.Add(10 * 365 * 24 * time.Hour)
	} else {
		tmpl.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment
		tmpl.NotAfter = now.Add(5 * 365 * 24 * time.Hour)
		signerCert, signerKey = parent.cert, parent.key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, signerCert, key.Public(), signerKey)
	if err != nil {
		return nil, err
	}
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, err
	}
	if err := writePEM(filepath.Join(dir, name+".key"), "PRIVATE KEY", kder, 0o600); err != nil {
		return nil, err
	}
	if err := writePEM(filepath.Join(dir, name+".crt"), "CERTIFICATE", der, 0o644); err != nil {
		return nil, err
	}
	cert, _ := x509.ParseCertificate(der)
	return &keyPair{cert: cert, key: key}, nil
}

func clientTmpl(cn string, orgs ...string) *x509.Certificate {
	return &x509.Certificate{
		Subject:     pkix.Name{CommonName: cn, Organization: orgs},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
}

func serverTmpl(cn string, dns []string, ips []net.IP) *x509.Certificate {
	return &x509.Certificate{
		Subject:     pkix.Name{CommonName: cn},
		DNSNames:    dns,
		IPAddresses: ips,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
}

func writeKubeconfig(path, server string, caPEM []byte, user string, certPEM, keyPEM []byte) error {
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters["slipway-sandbox"] = &clientcmdapi.Cluster{Server: server, CertificateAuthorityData: caPEM}
	cfg.AuthInfos[user] = &clientcmdapi.AuthInfo{ClientCertificateData: certPEM, ClientKeyData: keyPEM}
	cfg.Contexts["slipway-sandbox"] = &clientcmdapi.Context{Cluster: "slipway-sandbox", AuthInfo: user}
	cfg.CurrentContext = "slipway-sandbox"
	if err := clientcmd.WriteToFile(*cfg, path); err != nil {
		return err
	}
	return os.Chmod(path, 0o600)
}

// runCerts generates (once) the PKI of the sandbox and (always) the component
// kubeconfigs pointing at the apiserver port.
func runCerts() int {
	fs := flag.NewFlagSet("certs", flag.ExitOnError)
	dir := fs.String("dir", "", "sandbox data dir (required); PKI goes to <dir>/pki")
	server := fs.String("server", "https://127.0.0.1:6443", "apiserver URL written into kubeconfigs")
	serviceIP := fs.String("service-ip", "10.96.0.1", "first IP of the service CIDR (kubernetes.default)")
	_ = fs.Parse(os.Args[1:])
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "certs: --dir is required")
		return 2
	}
	if err := genCerts(*dir, *server, net.ParseIP(*serviceIP)); err != nil {
		fmt.Fprintln(os.Stderr, "certs:", err)
		return 1
	}
	return 0
}

func genCerts(dir, server string, serviceIP net.IP) error {
	pki := filepath.Join(dir, "pki")
	if err := os.MkdirAll(pki, 0o700); err != nil {
		return err
	}
	ca, err := issue(pki, "ca", &x509.Certificate{Subject: pkix.Name{CommonName: "slipway-sandbox-ca"}}, nil)
	if err != nil {
		return err
	}
	etcdCA, err := issue(pki, "etcd-ca", &x509.Certificate{Subject: pkix.Name{CommonName: "slipway-sandbox-etcd-ca"}}, nil)
	if err != nil {
		return err
	}
	// Front proxy (aggregation layer / requestheader authn), like kubeadm.
	frontCA, err := issue(pki, "front-proxy-ca", &x509.Certificate{Subject: pkix.Name{CommonName: "slipway-sandbox-front-proxy-ca"}}, nil)
	if err != nil {
		return err
	}
	if _, err := issue(pki, "front-proxy-client", clientTmpl("front-proxy-client"), frontCA); err != nil {
		return err
	}
	loopback := []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("::1")}
	etcdServer := serverTmpl("etcd-server", []string{"localhost"}, loopback)
	if _, err := issue(pki, "etcd-server", etcdServer, etcdCA); err != nil {
		return err
	}
	if _, err := issue(pki, "apiserver-etcd-client", clientTmpl("kube-apiserver-etcd-client"), etcdCA); err != nil {
		return err
	}
	apiserverCert := serverTmpl("kube-apiserver",
		[]string{"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"},
		append(loopback, serviceIP))
	if _, err := issue(pki, "apiserver", apiserverCert, ca); err != nil {
		return err
	}
	if _, err := issue(pki, "apiserver-kubelet-client", clientTmpl("kube-apiserver-kubelet-client"), ca); err != nil {
		return err
	}
	// kwok serves the (simulated) kubelet API; give it a serving cert.
	if _, err := issue(pki, "kwok-serving", serverTmpl("kwok", []string{"localhost"}, loopback), ca); err != nil {
		return err
	}

	// Service-account signing key (RSA, like kubeadm).
	saKey := filepath.Join(pki, "sa.key")
	if !exists(saKey) {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			return err
		}
		kder, _ := x509.MarshalPKCS8PrivateKey(k)
		pub, _ := x509.MarshalPKIXPublicKey(&k.PublicKey)
		if err := writePEM(saKey, "PRIVATE KEY", kder, 0o600); err != nil {
			return err
		}
		if err := writePEM(filepath.Join(pki, "sa.pub"), "PUBLIC KEY", pub, 0o644); err != nil {
			return err
		}
	}

	caPEM, err := os.ReadFile(filepath.Join(pki, "ca.crt"))
	if err != nil {
		return err
	}
	clients := []struct {
		file, cn string
		orgs     []string
	}{
		{"admin", "kubernetes-admin", []string{"system:masters"}},
		{"controller-manager", "system:kube-controller-manager", nil},
		{"scheduler", "system:kube-scheduler", nil},
		{"kwok", "system:slipway-sandbox:kwok", nil},
	}
	for _, c := range clients {
		if _, err := issue(pki, c.file, clientTmpl(c.cn, c.orgs...), ca); err != nil {
			return err
		}
		certPEM, err := os.ReadFile(filepath.Join(pki, c.file+".crt"))
		if err != nil {
			return err
		}
		keyPEM, err := os.ReadFile(filepath.Join(pki, c.file+".key"))
		if err != nil {
			return err
		}
		if err := writeKubeconfig(filepath.Join(dir, c.file+".kubeconfig"), server, caPEM, c.cn, certPEM, keyPEM); err != nil {
			return err
		}
	}
	return nil
}
