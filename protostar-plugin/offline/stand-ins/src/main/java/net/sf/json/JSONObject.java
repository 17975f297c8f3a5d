// Compile-only stand-in, never packaged: org.kohsuke.stapler:json-lib:2.4-jenkins-15 (jenkins-core 2.541.3)
// Signatures read from jenkinsci/json-lib src/main/java/net/sf/json/JSONObject.java at 0e9de8a (class declaration and the Map methods).
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package net.sf.json;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

// Map<String, Object> and a raw Comparable, with raw putAll/entrySet/values, as in json-lib.
@SuppressWarnings({"rawtypes", "unchecked"})
public final class JSONObject extends AbstractJSON implements JSON, Map<String, Object>, Comparable {
    public JSONObject() {}

    public JSONObject(boolean isNull) {}

    @Override public int compareTo(Object o) { throw new UnsupportedOperationException("compile-only stand-in"); }
    @Override public int size() { throw new UnsupportedOperationException("compile-only stand-in"); }
    @Override public boolean isEmpty() { throw new UnsupportedOperationException("compile-only stand-in"); }
    @Override public boolean containsKey(Object key) { throw new UnsupportedOperationException("compile-only stand-in"); }
    @Override public boolean containsValue(Object value) { throw new UnsupportedOperationException("compile-only stand-in"); }
    @Override public Object get(Object key) { throw new UnsupportedOperationException("compile-only stand-in"); }
    public Object get(String key) { throw new UnsupportedOperationException("compile-only stand-in"); }
    @Override public Object put(String key, Object value) { throw new UnsupportedOperationException("compile-only stand-in"); }
    @Override public Object remove(Object key) { throw new UnsupportedOperationException("compile-only stand-in"); }
    public Object remove(String key) { throw new UnsupportedOperationException("compile-only stand-in"); }
    @Override public void putAll(Map m) { throw new UnsupportedOperationException("compile-only stand-in"); }
    @Override public void clear() { throw new UnsupportedOperationException("compile-only stand-in"); }
    @Override public Set<String> keySet() { throw new UnsupportedOperationException("compile-only stand-in"); }
    @Override public Collection values() { throw new UnsupportedOperationException("compile-only stand-in"); }
    @Override public Set entrySet() { throw new UnsupportedOperationException("compile-only stand-in"); }
}
